package io.drover.agent.process;

import static io.drover.agent.process.Harness.program;
import static io.drover.api.state.ProcessState.EXITED;
import static io.drover.api.state.ProcessState.RUNNING;
import static io.drover.api.state.ProcessState.STOPPED;
import static io.drover.api.state.ProcessState.STOPPING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.adoption.AdoptionRecord;
import io.drover.agent.adoption.StateDirectory;
import io.drover.agent.os.ProcessIdentity;
import io.drover.agent.os.Signals;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.ProgramSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent restart: the first supervisor leaves its processes running, a second one over the same state directory
 * takes them over. Both live in this JVM, which changes nothing for the second: the processes are not its children.
 */
class AdoptionTest {

    private static final String IDLE = "while :; do sleep 0.1; done";

    @TempDir
    Path dir;
    Harness h;
    LocalSupervisor successor;
    RecordingListener successorEvents = new RecordingListener();

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        if (successor != null) {
            successor.shutdown(ShutdownMode.STOP_ALL, Duration.ofSeconds(20));
        }
        h.close();
        assertEquals(List.of(), successorEvents.problems);
    }

    private RecoveryReport restartAgent() {
        h.supervisor.shutdown(ShutdownMode.LEAVE_RUNNING, Duration.ofSeconds(5));
        successor = new LocalSupervisor(h.settings(), successorEvents);
        return successor.recover();
    }

    @Test
    void runningProcessesAreAdoptedAndSupervised() throws Exception {
        Path childPid = dir.resolve("child.pid");
        ProcessKey web = h.start(program("web", h.script("web.sh", "sleep 300 &\necho $! > " + childPid + "\n" + IDLE))
                .stopAsGroup(true));
        ProcessKey once = h.start(program("once", h.script("once.sh", IDLE)).autoRestart(AutoRestart.FALSE));
        h.awaitState(web, RUNNING);
        h.awaitState(once, RUNNING);
        long webPid = h.current(web).pid();
        long oncePid = h.current(once).pid();
        long child = h.awaitPidFile(childPid);
        Instant webStarted = h.current(web).startTime();

        RecoveryReport report = restartAgent();

        assertTrue(Harness.alive(webPid) && Harness.alive(oncePid), "leaving the processes running left them running");
        assertEquals(2, report.adopted().size());
        assertEquals(List.of(), report.gone());
        ProcessSnapshot adopted = successor.snapshot(web).orElseThrow();
        assertEquals(RUNNING, adopted.state());
        assertEquals(webPid, adopted.pid());
        assertTrue(adopted.adopted());
        assertEquals("hash-web", adopted.specHash());
        assertEquals(webStarted, adopted.startTime());
        await().atMost(Harness.TIMEOUT).until(() -> successorEvents.states(web).equals(List.of(RUNNING)));

        // an adopted process that dies is noticed, with an unknown exit status
        Signals.send(oncePid, Signals.SIGKILL, false);
        await().atMost(Harness.TIMEOUT).until(() -> successorEvents.lastState(once) == EXITED);
        ProcessSnapshot exited = successorEvents.last(once).orElseThrow();
        assertNull(exited.exitCode());
        assertFalse(exited.expectedExit());
        assertNull(exited.pid());

        // an adopted process is stopped as its definition says: stopasgroup reaches its child
        ProcessSnapshot stopped = successor.stop(web).get();
        assertEquals(STOPPED, stopped.state());
        assertEquals(List.of(RUNNING, STOPPING, STOPPED), successorEvents.states(web));
        await().atMost(Harness.TIMEOUT).until(() -> !Harness.alive(child));
        assertFalse(Harness.alive(webPid));
    }

    @Test
    void startWithTheSameDefinitionLeavesTheAdoptedProcessAlone() {
        ProgramSpec program = program("web", h.script("web.sh", IDLE)).build();
        ProcessKey key = h.start(program);
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();

        restartAgent();
        ProcessSnapshot afterStart = successor.start(ProcessDefinition.single(Harness.APP, program, "hash-web"));

        assertEquals(RUNNING, afterStart.state());
        assertEquals(pid, afterStart.pid());
        await().during(Duration.ofMillis(200)).atMost(Harness.TIMEOUT)
                .until(() -> successorEvents.states(key).equals(List.of(RUNNING)));
    }

    @Test
    void processGoneWhileTheAgentWasDownIsReportedExited() {
        ProcessKey key = h.start(program("web", h.script("web.sh", IDLE)));
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();
        h.supervisor.shutdown(ShutdownMode.LEAVE_RUNNING, Duration.ofSeconds(5));
        Signals.send(pid, Signals.SIGKILL, false);
        await().atMost(Harness.TIMEOUT).until(() -> !Harness.alive(pid));

        successor = new LocalSupervisor(h.settings(), successorEvents);
        RecoveryReport report = successor.recover();

        assertEquals(List.of(), report.adopted());
        assertEquals(1, report.gone().size());
        ProcessSnapshot gone = report.gone().get(0);
        assertEquals(EXITED, gone.state());
        assertNull(gone.exitCode());
        assertEquals("exited while the agent was not running (exit status unknown)", gone.spawnError());
        await().atMost(Harness.TIMEOUT).until(() -> successorEvents.states(key).equals(List.of(EXITED)));
        assertEquals(List.of(), new StateDirectory(h.state).readAll().records(), "the stale entry is dropped");
        // not restarted on its own: the owner decides from its assignments
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> successorEvents.states(key).equals(List.of(EXITED)));
    }

    @Test
    void aReusedPidIsNeverAdopted() throws Exception {
        // a live process that is not ours, recorded with the right pid but another start time: as if the pid had
        // been given to a new process after ours exited
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessIdentity real = ProcessIdentity.of(stranger.pid()).orElseThrow();
            new StateDirectory(h.state).write(new AdoptionRecord(Harness.APP,
                    ProgramSpec.of("web", "/bin/true").processes(Harness.APP).get(0), ProgramSpec.of("web", "/bin/true"),
                    "h", false, real.pid(), real.startTicks() - 1, real.bootId(), Instant.now(), true));
            // and one from a previous boot
            new StateDirectory(h.state).write(new AdoptionRecord(Harness.APP,
                    ProgramSpec.of("db", "/bin/true").processes(Harness.APP).get(0), ProgramSpec.of("db", "/bin/true"),
                    "h", false, real.pid(), real.startTicks(), "another-boot", Instant.now(), true));

            RecoveryReport report = restartAgent();

            assertEquals(List.of(), report.adopted());
            assertEquals(2, report.gone().size());
            successor.shutdown(ShutdownMode.STOP_ALL, Duration.ofSeconds(5));
            assertTrue(stranger.isAlive(), "the stranger was neither adopted nor signalled");
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void unreadableStateIsReportedAndDropped() throws Exception {
        Path file = h.state.resolve("processes/app/broken.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{not json");

        RecoveryReport report = restartAgent();

        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).contains("broken.json"), report.problems().toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void recoverComesFirstAndOnce() {
        h.start(program("web", h.script("web.sh", IDLE)));
        assertThrows(IllegalStateException.class, () -> h.supervisor.recover());
    }
}
