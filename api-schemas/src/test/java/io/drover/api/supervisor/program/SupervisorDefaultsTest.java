package io.drover.api.supervisor.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.model.ByteSize;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values supervisord would use for what a program leaves absent, and only for that. */
class SupervisorDefaultsTest {

    @Test
    void writtenValuesAreKept() {
        ProgramSpec written = ProgramSpec.builder("p").command("p").startSecs(0).autostart(false).exitCodes(List.of(2))
                .stdout(new LogSpec("out.log", null, 3, null)).nodes(List.of("n1")).build();

        ProgramSpec effective = SupervisorDefaults.effective(written);

        assertEquals(0, effective.startSecs());
        assertEquals(Boolean.FALSE, effective.autostart());
        assertEquals(List.of(2), effective.exitCodes());
        assertEquals(new LogSpec("out.log", new ByteSize(50L * 1024 * 1024), 3, false), effective.stdout());
        assertEquals(List.of("n1"), effective.nodes());
    }

    @Test
    void killasgroupFollowsStopasgroupAndAWrittenOneWins() {
        ProgramSpec stopped = ProgramSpec.builder("p").command("p").stopAsGroup(true).build();

        assertEquals(Boolean.TRUE, SupervisorDefaults.effective(stopped).killAsGroup());
        assertEquals(Boolean.FALSE, SupervisorDefaults.effective(ProgramSpec.of("p", "p")).killAsGroup());
        assertEquals(Boolean.TRUE, SupervisorDefaults.effective(stopped.toBuilder().stopAsGroup(false).killAsGroup(true).build())
                .killAsGroup());
    }

    @Test
    void aRedirectedStderrHasNoLogOfItsOwn() {
        ProgramSpec redirected = ProgramSpec.builder("p").command("p").redirectStderr(true).build();

        assertEquals(LogSpec.NONE, SupervisorDefaults.effective(redirected).stderr().logfile());
        assertEquals(LogSpec.AUTO, SupervisorDefaults.effective(ProgramSpec.of("p", "p")).stderr().logfile());
    }
}
