package io.drover.agent.process;

import static io.drover.agent.process.Harness.program;
import static io.drover.api.state.ProcessState.RUNNING;
import static io.drover.api.state.ProcessState.STARTING;
import static io.drover.api.state.ProcessState.STOPPED;
import static io.drover.api.state.ProcessState.STOPPING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.os.ProcStat;
import io.drover.api.model.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stopping: the stop signal, SIGKILL after stopwaitsecs, and process groups. */
class StopTest {

    /** Loops in short sleeps so that a trapped signal is handled within 0.1 s and no long-lived sleep is orphaned. */
    private static final String IDLE = "while :; do sleep 0.1; done";

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
        assertEquals(List.of(), h.events.problems);
    }

    @ParameterizedTest
    @EnumSource(value = StopSignal.class, names = {"TERM", "HUP", "INT", "QUIT", "USR1", "USR2"})
    void stopsignalIsWhatTheProcessReceives(StopSignal signal) throws Exception {
        Path received = dir.resolve("received");
        Path script = h.script("trap.sh", "trap 'echo " + signal + " > " + received + "; exit 7' " + signal + "\n" + IDLE);
        ProcessKey key = h.start(program("trapper", script).stopSignal(signal));
        h.awaitState(key, RUNNING);

        ProcessSnapshot stopped = h.supervisor.stop(key).get();

        assertEquals(STOPPED, stopped.state());
        assertEquals(signal.name(), h.awaitFile(received));
        assertEquals(7, stopped.exitCode(), "the trap's exit status");
        assertTrue(stopped.expectedExit(), "a requested stop is expected");
        assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED), h.events.states(key));
    }

    @Test
    void stopsignalKillEndsAtOnce() throws Exception {
        ProcessKey key = h.start(program("victim", h.script("victim.sh", "trap '' TERM\n" + IDLE)).stopSignal(StopSignal.KILL));
        h.awaitState(key, RUNNING);

        ProcessSnapshot stopped = h.supervisor.stop(key).get();
        assertEquals(128 + 9, stopped.exitCode(), "Java reports death by signal N as 128 + N");
    }

    @Test
    void sigkillAfterStopwaitsecsWhenTermIsIgnored() throws Exception {
        ProcessKey key = h.start(program("stubborn", h.script("stubborn.sh", "trap '' TERM\n" + IDLE)).stopWaitSecs(1));
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();

        Instant asked = Instant.now();
        ProcessSnapshot stopped = h.supervisor.stop(key).get();

        Duration took = Duration.between(asked, Instant.now());
        assertTrue(took.toMillis() >= 950 && took.toMillis() < 3000, "stopped after " + took.toMillis() + " ms");
        assertEquals(137, stopped.exitCode());
        assertFalse(Harness.alive(pid));
        assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED), h.events.states(key));
    }

    @Test
    void eachProcessLeadsItsOwnProcessGroupWithTheSamePid() {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();

        ProcStat stat = ProcStat.read(pid).orElseThrow();
        assertEquals(pid, stat.processGroup(), "setsid made it a group leader without forking");
        assertEquals(pid, stat.session());
        assertTrue(stat.startTicks() > 0);
    }

    @Test
    void stopasgroupStopsTheChildrenToo() throws Exception {
        Path childPid = dir.resolve("child.pid");
        ProcessKey key = h.start(program("parent", h.script("parent.sh", "sleep 300 &\necho $! > " + childPid + "\n" + IDLE))
                .stopAsGroup(true));
        h.awaitState(key, RUNNING);
        long child = h.awaitPidFile(childPid);
        assertTrue(Harness.alive(child));

        h.supervisor.stop(key).get();

        await().atMost(Harness.TIMEOUT).until(() -> !Harness.alive(child));
    }

    @Test
    void withoutStopasgroupTheChildSurvives() throws Exception {
        Path childPid = dir.resolve("child.pid");
        ProcessKey key = h.start(program("parent", h.script("parent.sh", "sleep 300 &\necho $! > " + childPid + "\n" + IDLE)));
        h.awaitState(key, RUNNING);
        long child = h.awaitPidFile(childPid);

        h.supervisor.stop(key).get();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> Harness.alive(child));
        // the harness kills it when the test ends
    }

    @Test
    void killasgroupKillsTheChildrenOfAProcessThatIgnoresTerm() throws Exception {
        Path childPid = dir.resolve("child.pid");
        // the child ignores TERM too (ignored dispositions are inherited): only a group SIGKILL ends it
        ProcessKey key = h.start(program("parent",
                h.script("parent.sh", "trap '' TERM\nsleep 300 &\necho $! > " + childPid + "\n" + IDLE))
                .stopWaitSecs(1).killAsGroup(true));
        h.awaitState(key, RUNNING);
        long child = h.awaitPidFile(childPid);

        ProcessSnapshot stopped = h.supervisor.stop(key).get();

        assertEquals(137, stopped.exitCode());
        await().atMost(Harness.TIMEOUT).until(() -> !Harness.alive(child));
    }

    @Test
    void stopOfAStoppedProcessIsImmediate() throws Exception {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));
        h.awaitState(key, RUNNING);
        h.supervisor.stop(key).get();

        assertEquals(STOPPED, h.supervisor.stop(key).get().state());
        assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED), h.events.states(key));
        assertEquals(null, h.supervisor.stop(new ProcessKey("app", "unknown")).get());
    }

    @Test
    void startWhileStoppingStartsAgainOnceStopped() throws Exception {
        Path script = h.script("slowstop.sh", "trap 'sleep 0.5; exit 0' TERM\n" + IDLE);
        ProcessKey key = h.start(program("slowstop", script));
        h.awaitState(key, RUNNING);

        var stopping = h.supervisor.stop(key);
        assertEquals(STOPPING, h.current(key).state());
        h.start(program("slowstop", script));

        stopping.get();
        await().atMost(Harness.TIMEOUT).until(() -> h.events.states(key).size() == 6);
        assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED, STARTING, RUNNING), h.events.states(key));
    }
}
