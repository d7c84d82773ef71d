package io.drover.agent.process;

import static io.drover.agent.process.Harness.program;
import static io.drover.api.state.ProcessState.RUNNING;
import static io.drover.api.state.ProcessState.STARTING;
import static io.drover.api.state.ProcessState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void stopsInReversePriorityOrderOneLevelAfterTheOther() {
        Path journal = dir.resolve("journal");
        // each program takes 0.3 s to stop and notes when it begins and ends stopping
        Path script = h.script("slow.sh", "trap 'echo begin-$1 >> " + journal + "; sleep 0.3; echo end-$1 >> " + journal
                + "; exit 0' TERM\nwhile :; do sleep 0.1; done");
        ProcessKey first = h.start(program("first", script).command(script + " first").priority(1));
        ProcessKey middle = h.start(program("middle", script).command(script + " middle").priority(500));
        ProcessKey last = h.start(program("last", script).command(script + " last"));
        List.of(first, middle, last).forEach(key -> h.awaitState(key, RUNNING));

        h.supervisor.shutdown(ShutdownMode.STOP_ALL, Duration.ofSeconds(20));

        assertEquals(List.of("begin-last", "end-last", "begin-middle", "end-middle", "begin-first", "end-first"),
                h.awaitFile(journal).lines().toList());
        List.of(first, middle, last).forEach(key -> assertEquals(STOPPED, h.events.lastState(key)));
        assertTrue(h.supervisor.snapshots().stream().allMatch(s -> s.pid() == null));
        assertThrows(IllegalStateException.class, () -> h.start(program("late", script)));
    }

    @Test
    void leaveRunningKeepsTheProcesses() {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();

        h.supervisor.shutdown(ShutdownMode.LEAVE_RUNNING, Duration.ofSeconds(5));

        assertTrue(Harness.alive(pid));
        h.killLater(pid);
        assertEquals(List.of(STARTING, RUNNING), h.events.states(key), "nothing was stopped");
    }
}
