package io.drover.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real agent with real processes against a real etcd, driven by assignments written as the operator writes them. */
class NodeAgentIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private EtcdStore store;
    private Keyspace keys;
    private NodeAgent agent;
    private long epoch = 1;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
        agent = startAgent(false);
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
    }

    private NodeAgent startAgent(boolean keepProcessesOnExit) {
        NodeInfo node = new NodeInfo("server_1", "host-a", List.of("server"), 100, URI.create("http://127.0.0.1:1"),
                "test", Instant.now());
        SupervisorSettings supervisor = SupervisorSettings.of("server_1", dir.resolve("log"), dir.resolve("state"))
                .withHere(dir);
        return NodeAgent.start(new NodeAgent.Settings(node, keys, TTL, supervisor, Duration.ofSeconds(1), null,
                keepProcessesOnExit, Duration.ofSeconds(10)), store);
    }

    private static ProgramSpec sleeper(String name, String seconds) {
        return ProgramSpec.builder(name).command("sleep " + seconds).startSecs(0).build();
    }

    private void assign(String process, DesiredState desired, ProgramSpec program) {
        Assignment assignment = new Assignment(desired, "-", epoch, "app", process, Instant.now(), null)
                .withProgram(program, false);
        store.put(keys.assignment("server_1", "app", process), assignment);
    }

    private Optional<ProcessStatus> observed(String process) {
        return store.get(keys.process("server_1", "app", process), ProcessStatus.class).map(v -> v.value());
    }

    private ProcessStatus awaitState(String process, ProcessState state) {
        await().atMost(WITHIN).until(() -> observed(process).map(s -> s.state() == state).orElse(false));
        return observed(process).orElseThrow();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void anAssignedProcessRunsAndIsStoppedWhenAskedAndWithdrawnWhenUnassigned() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        ProcessStatus running = awaitState("worker", ProcessState.RUNNING);
        assertTrue(alive(running.pid()), "the OS process exists");
        assertTrue(running.assignmentRevision() > 0, "the state says which assignment it answers");

        assign("worker", DesiredState.STOPPED, sleeper("worker", "300"));
        awaitState("worker", ProcessState.STOPPED);
        await().atMost(WITHIN).until(() -> !alive(running.pid()));

        store.delete(keys.assignment("server_1", "app", "worker"));
        await().atMost(WITHIN).until(() -> observed("worker").isEmpty());
    }

    @Test
    void aChangedDefinitionRestartsTheProcessWithIt() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long first = awaitState("worker", ProcessState.RUNNING).pid();

        assign("worker", DesiredState.RUNNING, sleeper("worker", "301"));

        await().atMost(WITHIN).until(() -> observed("worker").map(s -> s.state() == ProcessState.RUNNING
                && s.pid() != null && s.pid() != first).orElse(false));
        assertTrue(!alive(first), "the old process is gone");
    }

    @Test
    void rewritingTheSameAssignmentStartsNothingTwice() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();

        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        // assignments are carried out in order: once this one runs, the rewrite above has been dealt with
        assign("marker", DesiredState.RUNNING, sleeper("marker", "300"));
        awaitState("marker", ProcessState.RUNNING);

        assertEquals(pid, observed("worker").orElseThrow().pid(), "the same process, not a second one");
    }

    @Test
    void anAdoptOnlyAssignmentKeepsARunningCopyAndStartsNone() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();
        long kept = adoptOnly("worker", sleeper("worker", "300"));
        await().atMost(WITHIN).until(() -> observed("worker").map(s -> s.assignmentRevision() >= kept).orElse(false));
        assertEquals(pid, observed("worker").orElseThrow().pid(), "the running copy is kept");
        assertEquals(ProcessState.RUNNING, observed("worker").orElseThrow().state());

        long none = adoptOnly("ghost", sleeper("ghost", "300"));
        await().atMost(WITHIN).until(() -> observed("ghost").map(s -> s.assignmentRevision() >= none).orElse(false));
        assertFalse(ProcessState.RUNNING_STATES.contains(observed("ghost").orElseThrow().state()),
                "nothing is started for a copy that does not run");
    }

    /** Writes an adopt-only assignment; returns its revision. */
    private long adoptOnly(String process, ProgramSpec program) {
        Assignment assignment = new Assignment(DesiredState.RUNNING, "-", epoch, "app", process, Instant.now(), null)
                .withProgram(program, false).adoptingOnly(Instant.now(), epoch, null);
        return store.put(keys.assignment("server_1", "app", process), assignment);
    }

    @Test
    void aOneShotProgramThatExitedIsNotRunAgainWhenItsAssignmentIsReadAgain() {
        ProgramSpec once = ProgramSpec.builder("once").command("true").startSecs(0).autoRestart(AutoRestart.FALSE).build();
        assign("once", DesiredState.RUNNING, once);
        ProcessStatus exited = awaitState("once", ProcessState.EXITED);
        assertTrue(exited.expectedExit());

        // an unrelated assignment arrives: the agent must not take the chance to run 'once' again
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        awaitState("worker", ProcessState.RUNNING);
        assertEquals(exited.startTime(), observed("once").orElseThrow().startTime());
    }

    @Test
    void processesRunOnUntouchedWhileEtcdIsDownAndTheirKeysComeBack() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();

        etcd.kill(0);
        etcd.start(0);

        await().atMost(Duration.ofSeconds(20)).until(() -> observed("worker").isPresent()
                && store.getRaw(keys.node("server_1")).isPresent());
        assertEquals(pid, observed("worker").orElseThrow().pid());
        assertTrue(alive(pid));
    }

    @Test
    void anAgentLeavingItsProcessesRunningHasThemAdoptedByTheNextOne() {
        agent.close();
        agent = startAgent(true);
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();

        long lease = store.get(keys.node("server_1"), NodeInfo.class).orElseThrow().leaseId();
        agent.close();
        assertTrue(alive(pid), "an in-place upgrade leaves the process running");
        assertTrue(store.get(keys.node("server_1"), NodeInfo.class).isPresent(),
                "the node stays registered: its lease is left for the next agent, the operator sees no node loss");
        assertTrue(observed("worker").isPresent(), "and so does its process");
        agent = startAgent(false);

        await().atMost(WITHIN).until(() -> observed("worker").map(s -> s.state() == ProcessState.RUNNING).orElse(false));
        assertEquals(pid, observed("worker").orElseThrow().pid(), "adopted, not started again");
        assertEquals(1, agent.recovery().adopted().size());
        await().atMost(WITHIN).until(() -> store.get(keys.node("server_1"), NodeInfo.class)
                .map(v -> v.value().startTime().equals(agent.node().startTime())).orElse(false));
        assertEquals(lease, store.get(keys.node("server_1"), NodeInfo.class).orElseThrow().leaseId(),
                "the new agent took the lease over");
    }

    @Test
    void aProcessGoneWhileNoAgentRanIsStartedAgainAsSupervisordDoesAtBoot() {
        agent.close();
        agent = startAgent(true);
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();
        agent.close();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(WITHIN).until(() -> !alive(pid));

        agent = startAgent(false);
        await().atMost(WITHIN).until(() -> observed("worker").map(s -> s.state() == ProcessState.RUNNING
                && s.pid() != null && s.pid() != pid).orElse(false));
        assertEquals(1, agent.recovery().gone().size());
    }

    @Test
    void stoppingTheAgentStopsItsProcessesAndRemovesItsKeys() {
        assign("worker", DesiredState.RUNNING, sleeper("worker", "300"));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();

        agent.close();
        agent = null;

        await().atMost(WITHIN).until(() -> !alive(pid));
        assertTrue(store.getRaw(keys.node("server_1")).isEmpty());
        assertTrue(observed("worker").isEmpty());
        assertNotEquals(0, pid);
    }
}
