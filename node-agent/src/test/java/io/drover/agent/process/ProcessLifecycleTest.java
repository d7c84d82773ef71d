package io.drover.agent.process;

import static io.drover.agent.process.Harness.program;
import static io.drover.api.state.ProcessState.BACKOFF;
import static io.drover.api.state.ProcessState.EXITED;
import static io.drover.api.state.ProcessState.FATAL;
import static io.drover.api.state.ProcessState.RUNNING;
import static io.drover.api.state.ProcessState.STARTING;
import static io.drover.api.state.ProcessState.STOPPED;
import static io.drover.api.state.ProcessState.STOPPING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.AutoRestart;
import io.drover.api.state.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervisor's process state machine, driven by real processes. */
class ProcessLifecycleTest {

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

    @Test
    void startsecsZeroIsRunningAtSpawn() {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));

        h.awaitState(key, RUNNING);
        assertEquals(List.of(STARTING, RUNNING), h.events.states(key));
        ProcessSnapshot running = h.events.last(key).orElseThrow();
        assertNotNull(running.pid());
        assertTrue(Harness.alive(running.pid()));
        assertEquals(running.pid(), h.events.of(key).get(0).pid(), "STARTING already carries the pid");
        assertNotNull(running.startTime());
        assertEquals("hash-web", running.specHash());
        assertFalse(running.adopted());
    }

    @Test
    void runningOnlyAfterStartsecs() {
        Instant before = Instant.now();
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")).startSecs(1));

        assertEquals(STARTING, h.current(key).state());
        h.awaitState(key, RUNNING);
        assertTrue(Duration.between(before, Instant.now()).compareTo(Duration.ofSeconds(1)) >= 0);
        assertEquals(List.of(STARTING, RUNNING), h.events.states(key));
    }

    @Test
    void exitBeforeStartsecsBacksOffThenGivesUp() {
        Path attempts = dir.resolve("attempts");
        ProcessKey key = h.start(program("crash", h.script("crash.sh", "echo x >> " + attempts + "; exit 3"))
                .startSecs(1).startRetries(2));

        h.awaitState(key, FATAL);
        // first try plus two retries, each ended by BACKOFF; the third BACKOFF gives up
        assertEquals(List.of(STARTING, BACKOFF, STARTING, BACKOFF, STARTING, BACKOFF, FATAL), h.events.states(key));
        ProcessSnapshot fatal = h.events.last(key).orElseThrow();
        assertEquals(ProcessSupervisor.EXITED_TOO_QUICKLY, fatal.spawnError());
        assertEquals(3, fatal.exitCode());
        assertNull(fatal.pid());
        assertEquals(3, h.awaitFile(attempts).lines().count());

        // the retries wait 1 s, then 2 s
        List<ProcessSnapshot> starts = h.events.of(key).stream().filter(s -> s.state() == STARTING).toList();
        List<ProcessSnapshot> backoffs = h.events.of(key).stream().filter(s -> s.state() == BACKOFF).toList();
        assertBetween(Duration.between(backoffs.get(0).stopTime(), starts.get(1).startTime()), 900, 1900);
        assertBetween(Duration.between(backoffs.get(1).stopTime(), starts.get(2).startTime()), 1900, 2900);
    }

    @Test
    void startretriesZeroIsFatalAtTheFirstEarlyExit() {
        ProcessKey key = h.start(program("crash", h.script("crash.sh", "exit 1")).startSecs(1).startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals(List.of(STARTING, BACKOFF, FATAL), h.events.states(key));
    }

    @Test
    void expectedExitIsExitedExpectedAndNotRestartedByDefault() {
        ProcessKey key = h.start(program("job", h.script("job.sh", "sleep 0.2; exit 0")));

        h.awaitState(key, EXITED);
        ProcessSnapshot exited = h.events.last(key).orElseThrow();
        assertEquals(0, exited.exitCode());
        assertTrue(exited.expectedExit());
        assertNull(exited.spawnError());
        assertNotNull(exited.stopTime());
        assertEquals(List.of(STARTING, RUNNING, EXITED), h.events.states(key));
        // autorestart 'unexpected' (the default) leaves an expected exit alone
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> h.events.states(key).size() == 3);
    }

    @Test
    void unexpectedExitIsRestartedByDefault() {
        Path runs = dir.resolve("runs");
        ProcessKey key = h.start(program("srv", h.script("srv.sh", "echo x >> " + runs + "; sleep 0.2; exit 5"))
                .exitCodes(List.of(0, 2)));

        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, EXITED) >= 2);
        ProcessSnapshot firstExit = h.events.of(key).stream().filter(s -> s.state() == EXITED).findFirst().orElseThrow();
        assertEquals(5, firstExit.exitCode());
        assertFalse(firstExit.expectedExit());
        assertEquals("Bad exit code 5", firstExit.spawnError());
        assertEquals(List.of(STARTING, RUNNING, EXITED, STARTING, RUNNING, EXITED), h.events.states(key).subList(0, 6));
    }

    @Test
    void listedExitCodeIsExpected() {
        ProcessKey key = h.start(program("job", h.script("job.sh", "sleep 0.2; exit 2")).exitCodes(List.of(0, 2)));

        h.awaitState(key, EXITED);
        assertTrue(h.events.last(key).orElseThrow().expectedExit());
    }

    @Test
    void autorestartTrueRestartsEvenAnExpectedExit() {
        ProcessKey key = h.start(program("loop", h.script("loop.sh", "sleep 0.2; exit 0")).autoRestart(AutoRestart.TRUE));

        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, EXITED) >= 2);
        assertTrue(h.events.of(key).stream().filter(s -> s.state() == EXITED).allMatch(ProcessSnapshot::expectedExit));
    }

    @Test
    void autorestartFalseNeverRestarts() {
        ProcessKey key = h.start(program("once", h.script("once.sh", "sleep 0.2; exit 9")).autoRestart(AutoRestart.FALSE));

        h.awaitState(key, EXITED);
        assertFalse(h.events.last(key).orElseThrow().expectedExit());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> h.events.states(key).equals(List.of(STARTING, RUNNING, EXITED)));
    }

    @Test
    void ownerCanSuppressAutorestart() {
        ProcessDefinition definition = ProcessDefinition.single(Harness.APP,
                program("srv", h.script("srv.sh", "sleep 0.3; exit 1")).autoRestart(AutoRestart.TRUE).build(), "h1")
                .withAutoRestartSuppressed(true);
        ProcessKey key = definition.key();
        h.supervisor.start(definition);

        h.awaitState(key, EXITED);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> h.events.states(key).equals(List.of(STARTING, RUNNING, EXITED)));

        // and gives it back: the next unexpected exit is restarted
        h.supervisor.setAutoRestartSuppressed(key, false);
        h.supervisor.start(definition.withAutoRestartSuppressed(false));
        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, EXITED) >= 3);
    }

    @Test
    void exitedProcessStartsAgainOnRequest() {
        ProcessKey key = h.start(program("job", h.script("job.sh", "exit 0")));
        h.awaitState(key, EXITED);

        h.start(program("job", dir.resolve("job.sh")));
        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, EXITED) == 2);
    }

    @Test
    void stopDuringBackoffGoesStraightToStopped() throws Exception {
        ProcessKey key = h.start(program("crash", h.script("crash.sh", "exit 1")).startSecs(5).startRetries(5));
        h.awaitState(key, BACKOFF);

        ProcessSnapshot stopped = h.supervisor.stop(key).get();
        assertEquals(STOPPED, stopped.state());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> h.events.lastState(key) == STOPPED);
    }

    @Test
    void stopDuringStartingStopsTheProcess() throws Exception {
        ProcessKey key = h.start(program("slow", h.script("slow.sh", "exec sleep 30")).startSecs(10));
        assertEquals(STARTING, h.current(key).state());

        ProcessSnapshot stopped = h.supervisor.stop(key).get();
        assertEquals(STOPPED, stopped.state());
        assertEquals(List.of(STARTING, STOPPING, STOPPED), h.events.states(key));
    }

    @Test
    void restartStopsThenSpawnsWithTheNewDefinition() throws Exception {
        Path script = h.script("web.sh", "exec sleep 30");
        ProcessKey key = h.start(program("web", script));
        h.awaitState(key, RUNNING);
        long firstPid = h.current(key).pid();

        h.supervisor.restart(ProcessDefinition.single(Harness.APP, program("web", script).build(), "hash-2"));
        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, RUNNING) == 2);
        assertEquals(List.of(STARTING, RUNNING, STOPPING, STOPPED, STARTING, RUNNING), h.events.states(key));
        assertEquals("hash-2", h.current(key).specHash());
        assertTrue(h.current(key).pid() != firstPid);
        assertFalse(Harness.alive(firstPid));
    }

    @Test
    void startOfARunningProcessKeepsItAndItsHash() {
        Path script = h.script("web.sh", "exec sleep 30");
        ProcessKey key = h.start(program("web", script));
        h.awaitState(key, RUNNING);

        ProcessSnapshot again = h.supervisor.start(ProcessDefinition.single(Harness.APP, program("web", script).build(), "new"));
        assertEquals(RUNNING, again.state());
        assertEquals("hash-web", again.specHash(), "the running process still runs the old definition");
        assertEquals(List.of(STARTING, RUNNING), h.events.states(key));
    }

    @Test
    void removeStopsAndForgets() throws Exception {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));
        h.awaitState(key, RUNNING);
        long pid = h.current(key).pid();

        h.supervisor.remove(key).get();
        assertTrue(h.supervisor.snapshot(key).isEmpty());
        assertFalse(Harness.alive(pid));
        await().atMost(Harness.TIMEOUT).until(() -> h.events.removed.contains(key));
        assertEquals(STOPPED, h.events.lastState(key));
        assertTrue(h.supervisor.snapshots().isEmpty());
    }

    @Test
    void statusCarriesTheObservedValues() {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")));
        h.awaitState(key, RUNNING);
        ProcessSnapshot snapshot = h.current(key);

        Instant now = Instant.now();
        var status = snapshot.toStatus(42, now);
        assertEquals(ProcessState.RUNNING, status.state());
        assertEquals(snapshot.pid(), status.pid());
        assertEquals(42, status.assignmentRevision());
        assertEquals(now, status.updatedAt());
    }

    private static void assertBetween(Duration actual, long minMillis, long maxMillis) {
        assertTrue(actual.toMillis() >= minMillis && actual.toMillis() <= maxMillis,
                actual.toMillis() + " ms is not within [" + minMillis + ", " + maxMillis + "] ms");
    }
}
