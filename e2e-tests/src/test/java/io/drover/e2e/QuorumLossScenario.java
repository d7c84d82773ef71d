package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A three-member etcd cluster loses its quorum for {@value #OUTAGE_SECONDS} s: two members (the leader among them) go
 * away while drover runs two applications and a third is halfway through a staged start. Nothing may be killed or
 * restarted meanwhile: the agents keep their processes (self-fencing is off by default) and the operator, unable to
 * renew its lease, stops leading. When the members come back, the agents get new leases and publish their keys
 * again, the operator leads again, the staged start completes, and every process is the very OS process it was
 * before. How members go away is the subclass's: frozen local processes, or stopped containers.
 */
abstract class QuorumLossScenario {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumLossScenario.class);
    private static final int OUTAGE_SECONDS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(OUTAGE_SECONDS);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String TTL = "2s";
    private static final List<String> NODES = List.of("server_1", "server_2");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** Programs by "application/process", each with a command line of its own so the OS can count its copies. */
    private static final Map<String, String> COMMANDS = Map.of(
            "plant/bus", "sleep 7211", "plant/hmi", "sleep 7212", "steady/worker", "sleep 7221",
            "pending/first", "sleep 7241", "pending/second", "sleep 7242", "after/worker", "sleep 7231");

    /** What the test saw before the outage, to compare with what comes after. */
    private record Before(Map<String, EtcdObserver.Copy> copies, Map<String, Long> leases, long epoch,
                          Map<String, Long> assignmentRevisions, long revision) {

        static Before read(EtcdObserver etcd, Map<String, EtcdObserver.Copy> copies) {
            Map<String, Long> leases = new LinkedHashMap<>();
            NODES.forEach(node -> leases.put(node, etcd.nodeLease(node)));
            Map<String, Long> assignmentRevisions = new LinkedHashMap<>();
            copies.forEach((process, copy) -> assignmentRevisions.put(process,
                    etcd.assignment(copy.node(), copy.application(), copy.process()).orElseThrow().modRevision()));
            // the epoch of a term is the create revision of the leader key
            return new Before(copies, leases, etcd.leader().orElseThrow().createRevision(), assignmentRevisions,
                    etcd.revision());
        }
    }

    @TempDir
    Path dir;

    private DroverCluster cluster;
    private final List<Long> agentPids = new ArrayList<>();
    private final List<Long> daemonPids = new ArrayList<>();
    private final List<Integer> down = new ArrayList<>();

    /** The etcd cluster of the subclass, with three members. */
    protected abstract EtcdExtension etcd();

    /** Takes {@code member} away: it neither answers clients nor votes until {@link #bringBack}. */
    protected abstract void takeDown(int member);

    protected abstract void bringBack(int member);

    /** How members are taken away, for the logs. */
    protected abstract String outageKind();

    @BeforeEach
    void setUp() {
        cluster = new DroverCluster(etcd(), dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        // members this test left down come back first, so that the agents' clean shutdown can reach etcd
        for (int member : List.copyOf(down)) {
            bringBack(member);
        }
        cluster.close(getClass().getSimpleName());
    }

    private static String application(String name, String... programs) {
        return StagedApplications.manifest(name, COMMANDS, programs);
    }

    /** An observer with a client of its own, made when called: see where it is used after the outage. */
    private EtcdObserver freshObserver() {
        EtcdExtension etcd = etcd();
        EtcdStore store = EtcdStore.over(etcd.newClient(etcd.endpoints()), etcd.endpoints(), Duration.ofSeconds(2));
        return new EtcdObserver(store, cluster.keys());
    }

    /** The running (or starting) copy of each "application/process". */
    private static Map<String, EtcdObserver.Copy> runningCopies(EtcdObserver etcdView, String... processes) {
        Map<String, EtcdObserver.Copy> copies = new LinkedHashMap<>();
        for (String applicationProcess : processes) {
            String[] ref = applicationProcess.split("/");
            copies.put(applicationProcess, etcdView.running(ref[0], ref[1]).orElseThrow());
        }
        return copies;
    }

    /** Whether every process the test saw running still runs, as the only OS copy of its program. */
    private boolean runOnAsTheOnlyCopies(Map<String, EtcdObserver.Copy> copies) {
        return copies.entrySet().stream().allMatch(e ->
                OsProcesses.copiesOf(COMMANDS.get(e.getKey()), agentPids).equals(List.of(e.getValue().pid())));
    }

    /** Whether the member answers /health with a leader: a member without a quorum answers false. */
    private static boolean healthy(String endpoint) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/health"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void processesRunOnThroughAQuorumLossAndTheClusterConvergesAfterwardsWithoutRestartingAnything() throws Exception {
        startDrover();
        EtcdObserver etcdBefore = freshObserver();
        etcdBefore.apply(application("plant", "bus:1:0:required", "hmi:2:0"));
        etcdBefore.apply(application("steady", "worker:1:0"));
        etcdBefore.awaitOrDump("plant and steady RUNNING", WITHIN,
                () -> etcdBefore.runsWhole("plant", "bus", "hmi") && etcdBefore.runsWhole("steady", "worker"));
        // a staged start the outage interrupts: 'first' still starts (4 s) when the quorum goes, 'second' waits for it
        etcdBefore.apply(application("pending", "first:1:4", "second:2:0"));
        etcdBefore.awaitOrDump("pending's first stage under way", WITHIN, () -> etcdBefore.isStarting("pending", "first"));
        Before before = Before.read(etcdBefore,
                runningCopies(etcdBefore, "plant/bus", "plant/hmi", "steady/worker", "pending/first"));
        assertTrue(runOnAsTheOnlyCopies(before.copies()), "one OS process per program before the outage: " + before);
        assertTrue(etcdBefore.running("pending", "second").isEmpty(), "pending's stage 2 waits for 'first'");

        long outageStart = takeQuorumAway();
        holdThroughTheOutage(before, outageStart);
        long quorumBack = bringQuorumBack();
        LOG.info("quorum lost for {} ms ({}); members back", (quorumBack - outageStart) / 1_000_000, outageKind());

        // a client made now, so that the test's own reconnection delays are not counted as drover's
        EtcdObserver after = freshObserver();
        after.awaitOrDump("the cluster converged after the quorum came back", WITHIN, () -> converged(after, before));
        LOG.info("quorum back -> leases re-granted, keys republished, operator leading again in {} ms"
                + " (after {} ms without quorum, lease TTL {})", millisSince(quorumBack),
                (quorumBack - outageStart) / 1_000_000, TTL);
        after.awaitOrDump("pending's staged start complete", WITHIN, () -> after.runsWhole("pending", "first", "second"));
        LOG.info("quorum back -> the staged start the outage interrupted complete in {} ms", millisSince(quorumBack));

        // nothing was restarted: same OS processes, and the operator rewrote none of their assignments
        assertTrue(runOnAsTheOnlyCopies(before.copies()), "every program still runs once, as the same OS process");
        for (Map.Entry<String, EtcdObserver.Copy> entry : before.copies().entrySet()) {
            EtcdObserver.Copy copy = entry.getValue();
            Versioned<Assignment> assignment =
                    after.assignment(copy.node(), copy.application(), copy.process()).orElseThrow();
            assertEquals(before.assignmentRevisions().get(entry.getKey()), assignment.modRevision(),
                    entry.getKey() + "'s assignment was left as it was: " + assignment);
        }
        assertEquals(List.of(after.running("pending", "second").orElseThrow().pid()),
                OsProcesses.copiesOf(COMMANDS.get("pending/second"), agentPids), "pending's stage 2 started once");

        // and the operator acts on new changes again
        after.apply(application("after", "worker:1:0"));
        after.awaitOrDump("a new application RUNNING after the outage", WITHIN,
                () -> after.runsWhole("after", "worker"));
        LOG.info("quorum back -> a new application RUNNING in {} ms", millisSince(quorumBack));
        assertEquals(List.of(after.running("after", "worker").orElseThrow().pid()),
                OsProcesses.copiesOf(COMMANDS.get("after/worker"), agentPids), "the new application runs once");
        assertTrue(runOnAsTheOnlyCopies(before.copies()), "and the others still run as before");

        assertHistoryShowsNoRestart(KeyHistory.replay(after.store(), after.keys(), before.revision()), before);
    }

    private void startDrover() throws Exception {
        assertEquals(3, etcd().endpoints().size(), "the daemons are given every member's endpoint");
        for (String node : NODES) {
            long pid = cluster.agent(node, TTL).pid();
            agentPids.add(pid);
            daemonPids.add(pid);
        }
        daemonPids.add(cluster.operator("op-1", TTL, "--expect-nodes", String.join(",", NODES)).pid());
    }

    /** Takes a majority away, the etcd leader first, and returns when the one member left knows it has no quorum. */
    private long takeQuorumAway() {
        EtcdExtension etcd = etcd();
        int etcdLeader = etcd.leader();
        int survivor = (etcdLeader + 2) % 3;
        for (int member : List.of(etcdLeader, (etcdLeader + 1) % 3)) {
            takeDown(member);
            down.add(member);
        }
        long outageStart = System.nanoTime();
        LOG.info("etcd members {} taken away ({}); m{} is left alone", down, outageKind(), survivor + 1);
        await("m" + (survivor + 1) + " without a quorum").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> !healthy(etcd.endpoint(survivor)));
        return outageStart;
    }

    /**
     * The outage itself is the scenario: it lasts {@link #OUTAGE} whatever happens, hence a timed wait here and only
     * here. All along every daemon and every process lives on, each program as one OS process: nothing killed,
     * nothing started a second time. etcd cannot be asked meanwhile; the OS can.
     */
    private void holdThroughTheOutage(Before before, long outageStart) {
        Duration rest = OUTAGE.minusNanos(System.nanoTime() - outageStart);
        try {
            await("processes and daemons live through the outage").during(rest).atMost(rest.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> daemonPids.stream().allMatch(OsProcesses::alive)
                            && runOnAsTheOnlyCopies(before.copies())
                            && OsProcesses.copiesOf(COMMANDS.get("pending/second"), agentPids).isEmpty());
        } catch (ConditionTimeoutException e) {
            before.copies().forEach((process, copy) -> LOG.error("{}: etcd said pid {}, the OS runs {}", process,
                    copy.pid(), OsProcesses.copiesOf(COMMANDS.get(process), agentPids)));
            LOG.error("pending/second: the OS runs {}",
                    OsProcesses.copiesOf(COMMANDS.get("pending/second"), agentPids));
            LOG.error("daemons alive: {}", daemonPids.stream().map(p -> p + "=" + OsProcesses.alive(p)).toList());
            throw e;
        }
    }

    /**
     * Brings the members back and returns when every member is healthy again: from then on, how long drover takes
     * is drover's, not etcd's.
     */
    private long bringQuorumBack() {
        long start = System.nanoTime();
        for (int member : List.copyOf(down)) {
            bringBack(member);
            down.remove(Integer.valueOf(member));
        }
        List<String> endpoints = etcd().endpoints();
        await("every etcd member healthy again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> endpoints.stream().allMatch(QuorumLossScenario::healthy));
        LOG.info("etcd members healthy again {} ms after being brought back", millisSince(start));
        return System.nanoTime();
    }

    /**
     * The operator leads again, in a new term (the term that spanned the outage ended with its lease); every agent
     * holds a new lease, with its node key and the keys of the processes it ran before bound to it, the same OS
     * processes; and the applications that ran are still RUNNING.
     */
    private static boolean converged(EtcdObserver after, Before before) {
        boolean newTerm = after.leader().map(l -> l.createRevision() > before.epoch()).orElse(false);
        boolean leasesRegranted = NODES.stream().allMatch(node -> {
            long lease = after.nodeLease(node);
            return lease != 0 && lease != before.leases().get(node) && after.leaseAlive(lease);
        });
        boolean republished = before.copies().values().stream()
                .allMatch(copy -> after.running(copy.application(), copy.process())
                        .map(now -> now.sameRunAs(copy) && now.leaseId() == after.nodeLease(now.node())).orElse(false));
        return newTerm && leasesRegranted && republished
                && after.isInState("plant", ApplicationState.RUNNING) && after.isInState("steady", ApplicationState.RUNNING);
    }

    /**
     * What the end state cannot show, etcd's history can: from just before the outage on, the running applications
     * were never reported other than RUNNING, their assignments were never touched, the interrupted start only went
     * on starting, and every process was reported in its one pid only.
     */
    private static void assertHistoryShowsNoRestart(KeyHistory history, Before before) {
        for (String application : List.of("plant", "steady")) {
            List<ApplicationStatus> statuses = history.statuses(application);
            assertTrue(statuses.stream().allMatch(s -> s != null && s.state() == ApplicationState.RUNNING),
                    application + " stayed RUNNING: " + statuses);
            assertEquals(0, history.assignmentChanges(application), application + "'s assignments were left alone");
            LOG.info("{}: {} status write(s) and {} process key deletion(s) since the outage began", application,
                    statuses.size(), history.processKeyDeletions(application));
        }
        List<ApplicationStatus> pending = history.statuses("pending");
        assertTrue(pending.stream().allMatch(s -> s != null
                        && (s.state() == ApplicationState.STARTING || s.state() == ApplicationState.RUNNING)),
                "pending was only STARTING, then RUNNING: " + pending);
        for (EtcdObserver.Copy copy : before.copies().values()) {
            List<ProcessStatus> states = history.processStates(copy.application(), copy.process());
            assertTrue(states.stream().allMatch(s -> s.state().isRunning() && copy.pid() == s.pid()),
                    copy.application() + "/" + copy.process() + " was reported only as starting or running in pid "
                            + copy.pid() + ": " + states);
        }
        List<Long> secondPids = history.processStates("pending", "second").stream().map(ProcessStatus::pid)
                .filter(Objects::nonNull).distinct().toList();
        assertEquals(1, secondPids.size(), "pending/second was started once: " + secondPids);
        // republishing moves the keys to the new lease before the old one goes: a process key deleted while its
        // node stays registered tells the operator, for a moment, that a running process is gone
        List<String> vanished = history.processDeletionsOfRegisteredNodes();
        StringBuilder timelines = new StringBuilder();
        NODES.forEach(node -> timelines.append(node).append(":\n").append(history.timeline(node)));
        LOG.info("what etcd recorded of each node since the outage began:\n{}", timelines);
        assertEquals(List.of(), vanished, "no process key vanished while its node stayed registered; what etcd"
                + " recorded of each node since the outage began:\n" + timelines);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
