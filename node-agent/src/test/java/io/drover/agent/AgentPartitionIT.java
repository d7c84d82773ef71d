package io.drover.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.process.ProcessKey;
import io.drover.agent.process.ProcessSnapshot;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecHash;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real agent with real processes, cut off from a real etcd by a blackholing TCP proxy (packets silently dropped,
 * the agent only notices by its own deadlines). etcd is read through a direct, unproxied client, as the operator sees
 * it. DESIGN rules 5 (leases are watched, not trusted) and 8 (losing a node is not losing the processes' owner).
 */
class AgentPartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(AgentPartitionIT.class);
    private static final Duration TTL = Duration.ofSeconds(2);
    /** etcd expires leases on its own clock, checking about every 500 ms. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMillis(1500);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String NODE = "server_1";
    private static final String APP = "app";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    /** etcd as everyone else sees it: not through the proxy. */
    private EtcdStore direct;
    private Keyspace keys;
    private TcpProxy proxy;
    private EtcdStore agentStore;
    private NodeAgent agent;
    private ResilientWatch watch;
    private final Observations observed = new Observations();
    private long epoch = 1;

    @BeforeEach
    void setUp() {
        direct = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
        proxy = TcpProxy.to(etcd.endpoint(0));
        agentStore = EtcdStore.connect(List.of(proxy.endpoint()));
        // every value the agent publishes for its processes, from before it starts: nothing it spawns goes unseen
        watch = ResilientWatch.on(direct, keys.processesPrefix(NODE)).name("test-observer")
                .startAfterRevision(direct.currentRevision()).start(observed);
    }

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.restore();
        }
        if (agent != null) {
            agent.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (agentStore != null) {
            agentStore.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        // belt and braces: nothing this test spawned outlives it, even when it failed half-way
        for (long pid : observed.pids()) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
                LOG.warn("process {} still alive after the agent closed; killing it", pid);
                process.destroyForcibly();
            });
        }
    }

    // ---- set-up and helpers ---------------------------------------------------------------------------------------

    private NodeAgent startAgent(Duration selfFenceAfter) {
        NodeInfo node = new NodeInfo(NODE, "host-a", List.of("server"), 100, URI.create("http://127.0.0.1:1"), "test",
                Instant.now());
        SupervisorSettings supervisor = SupervisorSettings.of(NODE, dir.resolve("log"), dir.resolve("state")).withHere(dir);
        return NodeAgent.start(new NodeAgent.Settings(node, keys, TTL, supervisor, Duration.ofSeconds(1), selfFenceAfter,
                false, Duration.ofSeconds(10)), agentStore);
    }

    private static ProgramSpec sleeper(String name, int seconds) {
        return ProgramSpec.builder(name).command("sleep " + seconds).startSecs(0).build();
    }

    /** Ignores SIGTERM (inherited across exec), so a stop takes stopwaitsecs and ends with SIGKILL. */
    private static ProgramSpec stubborn(String name, int seconds) {
        return ProgramSpec.builder(name).command("sh -c 'trap \"\" TERM; exec sleep " + seconds + "'").startSecs(0)
                .stopWaitSecs(1).build();
    }

    /** Writes the assignment as the operator would; returns its revision. */
    private long assign(String process, DesiredState desired, ProgramSpec program) {
        Assignment assignment = new Assignment(desired, "-", epoch, APP, process, Instant.now(), null)
                .withProgram(program, false);
        return direct.put(keys.assignment(NODE, APP, process), assignment);
    }

    private Optional<Versioned<ProcessStatus>> status(String process) {
        return direct.get(keys.process(NODE, APP, process), ProcessStatus.class);
    }

    private ProcessStatus awaitState(String process, ProcessState state) {
        await().atMost(WITHIN).pollInterval(POLL)
                .until(() -> status(process).map(s -> s.value().state() == state).orElse(false));
        return status(process).orElseThrow().value();
    }

    private ProcessSnapshot local(String process) {
        return agent.supervisor().snapshot(new ProcessKey(APP, process)).orElseThrow();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String commandOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
    }

    /** Every key the agent keeps under its lease: registration, load, one per process. */
    private List<String> leasedKeys(String... processes) {
        List<String> all = new ArrayList<>(List.of(keys.node(NODE), keys.nodeStats(NODE)));
        for (String process : processes) {
            all.add(keys.process(NODE, APP, process));
        }
        return all;
    }

    /** The lease all of {@code keys} are bound to when they all exist under one lease; 0 otherwise. */
    private long commonLease(List<String> leased) {
        Set<Long> leases = new LinkedHashSet<>();
        for (String key : leased) {
            Optional<Versioned<String>> value = direct.getRaw(key);
            if (value.isEmpty()) {
                return 0;
            }
            leases.add(value.get().leaseId());
        }
        return leases.size() == 1 ? leases.iterator().next() : 0;
    }

    /** Nothing of the node is left in etcd: no registration, no load, no process. */
    private boolean nodeGone() {
        return direct.getRaw(keys.node(NODE)).isEmpty() && direct.getRaw(keys.nodeStats(NODE)).isEmpty()
                && direct.listRaw(keys.processesPrefix(NODE)).items().isEmpty();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    // ---- 1. lease loss ------------------------------------------------------------------------------------------

    @Test
    void aPartitionTakesTheNodesKeysWithItsLeaseWithinTheTtlWhileItsProcessRunsOnAndRestoreBringsThemBack() {
        agent = startAgent(null);
        assign("worker", DesiredState.RUNNING, sleeper("worker", 30_001));
        ProcessStatus running = awaitState("worker", ProcessState.RUNNING);
        long pid = running.pid();
        List<String> leased = leasedKeys("worker");
        await().atMost(WITHIN).until(() -> commonLease(leased) != 0);
        long firstLease = commonLease(leased);
        long sequence = local("worker").sequence();

        long cut = System.nanoTime();
        proxy.blackhole();
        await().atMost(TTL.plus(EXPIRY_MARGIN)).pollInterval(POLL).until(this::nodeGone);
        long gone = millisSince(cut);
        LOG.info("partition -> node and process keys gone from etcd in {} ms (lease TTL {})", gone, TTL);
        assertTrue(alive(pid), "losing the lease does not stop the process");
        assertEquals(ProcessState.RUNNING, local("worker").state(), "the agent still supervises it");
        assertEquals(pid, local("worker").pid());

        long restored = System.nanoTime();
        proxy.restore();
        await().atMost(WITHIN).pollInterval(POLL).until(() -> {
            long lease = commonLease(leased);
            return lease != 0 && lease != firstLease;
        });
        LOG.info("restore -> registration and process keys back under a new lease in {} ms", millisSince(restored));

        ProcessStatus back = status("worker").orElseThrow().value();
        assertEquals(ProcessState.RUNNING, back.state());
        assertEquals(pid, back.pid(), "the same process");
        assertEquals(running.startTime(), back.startTime(), "not restarted");
        assertTrue(alive(pid));
        assertEquals(sequence, local("worker").sequence(), "no state transition at all while partitioned");
        assertEquals(Set.of(pid), observed.pids(), "only ever one process spawned");
        assertTrue(observed.of(keys.process(NODE, APP, "worker")).stream().anyMatch(Seen::deleted),
                "the key really went with the lease (seen deleted by the watch)");
    }

    // ---- 2. no self-fencing by default -------------------------------------------------------------------------

    @Test
    void withoutSelfFencingAPartitionOfSeveralTtlsLeavesEveryProcessRunning() {
        agent = startAgent(null);
        assign("worker", DesiredState.RUNNING, sleeper("worker", 30_011));
        assign("helper", DesiredState.RUNNING, sleeper("helper", 30_012));
        ProcessStatus worker = awaitState("worker", ProcessState.RUNNING);
        ProcessStatus helper = awaitState("helper", ProcessState.RUNNING);
        List<String> leased = leasedKeys("worker", "helper");
        await().atMost(WITHIN).until(() -> commonLease(leased) != 0);
        long firstLease = commonLease(leased);

        long cut = System.nanoTime();
        proxy.blackhole();
        Duration partition = TTL.multipliedBy(4);
        // both processes stay up and supervised for the whole partition, checked every poll
        await().during(partition).atMost(partition.plusSeconds(2)).pollInterval(POLL).until(() ->
                alive(worker.pid()) && alive(helper.pid())
                        && local("worker").state() == ProcessState.RUNNING && local("helper").state() == ProcessState.RUNNING
                        && local("worker").pid().equals(worker.pid()) && local("helper").pid().equals(helper.pid()));
        assertTrue(nodeGone(), "the node's keys went with its lease meanwhile");
        LOG.info("processes still running after a partition of {} ms", millisSince(cut));

        long restored = System.nanoTime();
        proxy.restore();
        await().atMost(WITHIN).pollInterval(POLL).until(() -> {
            long lease = commonLease(leased);
            return lease != 0 && lease != firstLease;
        });
        LOG.info("restore after a long partition -> keys back in {} ms", millisSince(restored));
        assertEquals(worker.pid(), status("worker").orElseThrow().value().pid());
        assertEquals(helper.pid(), status("helper").orElseThrow().value().pid());
        assertEquals(ProcessState.RUNNING, status("worker").orElseThrow().value().state());
        assertEquals(ProcessState.RUNNING, status("helper").orElseThrow().value().state());
        assertEquals(worker.startTime(), status("worker").orElseThrow().value().startTime(), "not restarted");
        assertEquals(Set.of(worker.pid(), helper.pid()), observed.pids(), "nothing spawned twice");
    }

    // ---- 3. --self-fence-after ---------------------------------------------------------------------------------

    @Test
    void withSelfFencingALongPartitionStopsTheProcessesWhichAreRepublishedAsStoppedAfterRestore() {
        Duration fenceAfter = Duration.ofSeconds(3);
        agent = startAgent(fenceAfter);
        long revision = assign("worker", DesiredState.RUNNING, sleeper("worker", 30_021));
        long pid = awaitState("worker", ProcessState.RUNNING).pid();
        List<String> leased = leasedKeys("worker");
        await().atMost(WITHIN).until(() -> commonLease(leased) != 0);
        long firstLease = commonLease(leased);

        long cut = System.nanoTime();
        proxy.blackhole();
        // the fence counts from the agent noticing the loss (up to a TTL after the cut), so never before fenceAfter
        await().during(fenceAfter).atMost(fenceAfter.plusSeconds(2)).pollInterval(POLL).until(() -> alive(pid));
        await().atMost(TTL.plus(fenceAfter).plusSeconds(3)).pollInterval(POLL).until(() -> !alive(pid));
        LOG.info("partition -> process stopped by self-fencing in {} ms (TTL {}, self-fence-after {})", millisSince(cut),
                TTL, fenceAfter);
        await().atMost(Duration.ofSeconds(2)).until(() -> local("worker").state() == ProcessState.STOPPED);
        assertTrue(nodeGone(), "the node's keys are gone with its lease");

        long restored = System.nanoTime();
        proxy.restore();
        await().atMost(WITHIN).pollInterval(POLL).until(() -> {
            long lease = commonLease(leased);
            return lease != 0 && lease != firstLease;
        });
        LOG.info("restore -> keys back in {} ms, process published as {}", millisSince(restored),
                status("worker").orElseThrow().value().state());
        ProcessStatus fenced = status("worker").orElseThrow().value();
        assertEquals(ProcessState.STOPPED, fenced.state(), "the truth: the agent stopped it");
        assertNull(fenced.pid());
        assertTrue(fenced.expectedExit(), "a stop, not a crash");
        assertEquals(revision, fenced.assignmentRevision(), "still answering the same assignment");

        // the assignment still says RUNNING, but it is acted on once per revision: the agent does not undo its own
        // fence; only a new revision from the operator starts the process again
        await().during(TTL).atMost(TTL.plusSeconds(2)).pollInterval(POLL).until(() ->
                local("worker").state() == ProcessState.STOPPED && observed.pids().equals(Set.of(pid)));

        long again = assign("worker", DesiredState.RUNNING, sleeper("worker", 30_021));
        await().atMost(WITHIN).pollInterval(POLL).until(() -> status("worker")
                .map(s -> s.value().state() == ProcessState.RUNNING && s.value().assignmentRevision() == again)
                .orElse(false));
        long newPid = status("worker").orElseThrow().value().pid();
        assertNotEquals(pid, newPid);
        assertTrue(alive(newPid));
    }

    // ---- 4. assignment changes in order ------------------------------------------------------------------------

    @Test
    void aQuickSeriesOfAssignmentChangesIsCarriedOutInOrderAndEndsWithTheLastOne() {
        agent = startAgent(null);
        String key = keys.process(NODE, APP, "worker");
        ProgramSpec a = stubborn("worker", 30_031);
        ProgramSpec b = stubborn("worker", 30_032);
        ProgramSpec c = stubborn("worker", 30_033);

        assign("worker", DesiredState.RUNNING, a);
        long pidA = awaitState("worker", ProcessState.RUNNING).pid();
        // once the shell has exec'd sleep, its SIGTERM is ignored for sure, so A is still STOPPING (SIGKILL after
        // stopwaitsecs) while B, STOPPED and C arrive: the outcome is deterministic. (A process that dies on SIGTERM
        // may or may not be reaped before STOPPED is applied, so B would be spawned or not depending on timing.)
        await().atMost(WITHIN).pollInterval(POLL).until(() -> commandOf(pidA).startsWith("sleep")
                || commandOf(pidA).contains("/sleep "));
        int before = observed.of(key).size();

        // the quick series: restart with B, stop, start with C, written back to back
        long revB = assign("worker", DesiredState.RUNNING, b);
        long revStop = assign("worker", DesiredState.STOPPED, b);
        long revC = assign("worker", DesiredState.RUNNING, c);
        LOG.info("assignments written at revisions {} (B), {} (STOPPED), {} (C)", revB, revStop, revC);

        await().atMost(WITHIN).pollInterval(POLL).until(() -> status("worker")
                .map(s -> s.value().state() == ProcessState.RUNNING && s.value().assignmentRevision() == revC)
                .orElse(false));
        ProcessStatus last = status("worker").orElseThrow().value();
        assertEquals(ProgramSpecHash.of(c), local("worker").specHash(), "runs spec C");
        assertEquals(ProcessState.RUNNING, local("worker").state());
        long pidC = last.pid();
        assertTrue(alive(pidC));
        // /proc may not tell while the process is between setsid, sh and sleep: ask until it does
        await().atMost(Duration.ofSeconds(2)).pollInterval(POLL).until(() -> !commandOf(pidC).isEmpty());
        assertTrue(commandOf(pidC).contains("30033"), "the OS process is C's: " + commandOf(pidC));
        assertFalse(alive(pidA), "A's process is gone");

        // B was superseded while A was still stopping: it is never spawned. Exactly A then C ever ran.
        assertEquals(List.of(pidA, pidC), List.copyOf(observed.pids()));
        List<String> transitions = observed.of(key).subList(before, observed.of(key).size()).stream()
                .map(seen -> seen.state() + (seen.pid() == null ? "" : seen.pid() == pidA ? " A" : seen.pid() == pidC ? " C"
                        : " ?" + seen.pid()))
                .toList();
        LOG.info("transitions after A was running: {}; answering assignment revisions {} (B={}, STOPPED={}, C={})",
                transitions, observed.of(key).subList(before, observed.of(key).size()).stream()
                        .map(Seen::assignmentRevision).toList(), revB, revStop, revC);
        assertEquals(List.of("STOPPING A", "STOPPED", "STARTING C", "RUNNING C"), transitions);
    }

    // ---- what the agent published, seen by a watch of our own -----------------------------------------------------

    /** One value of a process key, or its deletion (state null). */
    record Seen(String key, long revision, ProcessState state, Long pid, long assignmentRevision, long leaseId) {
        boolean deleted() {
            return state == null;
        }
    }

    private static final class Observations implements WatchListener {

        private final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onSnapshot(List<Versioned<String>> items, long revision) {
            // started after a revision taken before the agent existed: only called after a compaction
            for (Versioned<String> item : items) {
                ProcessStatus status = ValueCodec.decode(item, ProcessStatus.class).value();
                seen.add(new Seen(item.key(), item.modRevision(), status.state(), status.pid(),
                        status.assignmentRevision(), item.leaseId()));
            }
        }

        @Override
        public void onEvents(List<KeyEvent> events) {
            for (KeyEvent event : events) {
                if (event.isPut()) {
                    ProcessStatus status = event.decode(ProcessStatus.class);
                    seen.add(new Seen(event.key(), event.modRevision(), status.state(), status.pid(),
                            status.assignmentRevision(), event.leaseId()));
                } else {
                    seen.add(new Seen(event.key(), event.modRevision(), null, null, 0, 0));
                }
            }
        }

        List<Seen> of(String key) {
            return seen.stream().filter(s -> s.key().equals(key)).toList();
        }

        /** Every distinct pid ever published, in the order first seen. */
        Set<Long> pids() {
            Set<Long> pids = new LinkedHashSet<>();
            seen.stream().map(Seen::pid).filter(pid -> pid != null).forEach(pids::add);
            return pids;
        }
    }
}
