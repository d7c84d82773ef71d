package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd runs as a three-member cluster and its leader is killed with SIGKILL while an application is in the middle of
 * a staged start and another one runs. The two remaining members keep a quorum, so drover must not notice more than
 * a hiccup: the staged start completes, later changes (a stop, a new application) are carried out while the member
 * is still down, and once it is back everything keeps converging, with no process ever started twice.
 */
class EtcdMemberLossIT {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdMemberLossIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String TTL = "2s";

    /** Every program's command line is unique, so that the OS can tell how many copies of each run. */
    private static final Map<String, String> COMMANDS = Map.of(
            "steady/worker", "sleep 7101", "steady/monitor", "sleep 7102",
            "plant/bus", "sleep 7111", "plant/slow", "sleep 7112", "plant/hmi", "sleep 7113",
            "late/worker", "sleep 7121", "after/worker", "sleep 7131");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.cluster(3);

    @TempDir
    Path dir;

    private DroverCluster cluster;
    private EtcdObserver etcdView;
    private final List<Long> agentPids = new ArrayList<>();

    @BeforeEach
    void setUp() {
        cluster = new DroverCluster(etcd, dir);
        // a client of the test's own, on all three members, with reads that give up quickly on a dead member
        etcdView = new EtcdObserver(EtcdStore.over(etcd.newClient(etcd.endpoints()), etcd.endpoints(),
                Duration.ofSeconds(3)), cluster.keys());
    }

    @AfterEach
    void tearDown() throws Exception {
        // the extension starts a member killed here again before the next test
        cluster.close("EtcdMemberLossIT");
    }

    private static String application(String name, String... programs) {
        return StagedApplications.manifest(name, COMMANDS, programs);
    }

    /** The running copy of each named process, by "application/process". */
    private Map<String, EtcdObserver.Copy> runningCopies(String application, String... processes) {
        Map<String, EtcdObserver.Copy> copies = new LinkedHashMap<>();
        for (String process : processes) {
            copies.put(application + "/" + process, etcdView.running(application, process).orElseThrow());
        }
        return copies;
    }

    /** The OS runs exactly one copy of the program, and it is the one etcd reports. */
    private void runsOnceAsReported(String applicationProcess, EtcdObserver.Copy copy) {
        assertEquals(List.of(copy.pid()), OsProcesses.copiesOf(COMMANDS.get(applicationProcess), agentPids),
                applicationProcess + " runs once, as the pid etcd reports");
    }

    @Test
    void aStagedStartAndLaterChangesCompleteWhileTheEtcdLeaderIsKilledAndNothingStartsTwice() throws Exception {
        assertEquals(3, etcd.endpoints().size(), "the daemons are given every member's endpoint");
        for (String node : List.of("server_1", "server_2")) {
            agentPids.add(cluster.agent(node, TTL).pid());
        }
        cluster.operator("op-1", TTL, "--expect-nodes", "server_1,server_2");

        etcdView.apply(application("steady", "worker:1:0", "monitor:1:0"));
        etcdView.awaitOrDump("steady RUNNING", WITHIN, () -> etcdView.runsWhole("steady", "worker", "monitor"));
        Map<String, EtcdObserver.Copy> steady = runningCopies("steady", "worker", "monitor");

        // stage 1: bus at once, slow only after 3 s of running; stage 2 (hmi) waits for both
        etcdView.apply(application("plant", "bus:1:0:required", "slow:1:3", "hmi:2:0"));
        etcdView.awaitOrDump("plant's stage 1 under way", WITHIN,
                () -> etcdView.allRunning("plant", List.of("bus")) && etcdView.isStarting("plant", "slow"));
        Map<String, EtcdObserver.Copy> stage1 = runningCopies("plant", "bus", "slow");
        assertTrue(etcdView.running("plant", "hmi").isEmpty(), "stage 2 waits for 'slow'");

        long revisionBefore = etcdView.revision();
        int killed = etcd.leader();
        long killedAt = System.nanoTime();
        etcd.kill(killed);
        assertFalse(etcd.isRunning(killed));
        LOG.info("etcd leader m{} killed with SIGKILL while plant's stage 1 was starting", killed + 1);

        etcdView.awaitOrDump("plant RUNNING with its etcd leader dead", WITHIN,
                () -> etcdView.runsWhole("plant", "bus", "slow", "hmi"));
        LOG.info("etcd leader killed -> plant's staged start complete in {} ms", millisSince(killedAt));
        Map<String, EtcdObserver.Copy> plant = runningCopies("plant", "bus", "slow", "hmi");
        stage1.forEach((process, copy) -> assertTrue(plant.get(process).sameRunAs(copy),
                process + " was not started again: " + copy + " then " + plant.get(process)));

        // later changes, still with one member down: stop one application, add another
        long changedAt = System.nanoTime();
        etcdView.request("steady", Intent.of(IntentAction.STOP, null, null, "stop-steady", Instant.now()));
        etcdView.apply(application("late", "worker:1:0"));
        etcdView.awaitOrDump("steady stopped and late RUNNING with a member down", WITHIN,
                () -> etcdView.isInState("steady", ApplicationState.STOPPED)
                        && etcdView.running("steady", "worker").isEmpty()
                        && etcdView.running("steady", "monitor").isEmpty()
                        && steady.values().stream().noneMatch(c -> OsProcesses.alive(c.pid()))
                        && etcdView.runsWhole("late", "worker"));
        LOG.info("stop of steady and start of late carried out with one etcd member down in {} ms",
                millisSince(changedAt));

        // the member comes back with its data and catches up; drover goes on converging
        long restartedAt = System.nanoTime();
        etcd.start(killed);
        etcdView.apply(application("after", "worker:1:0"));
        etcdView.awaitOrDump("after RUNNING once the member is back", WITHIN,
                () -> etcdView.runsWhole("after", "worker"));
        EtcdObserver.Copy after = etcdView.running("after", "worker").orElseThrow();
        EtcdObserver returned = new EtcdObserver(EtcdStore.over(etcd.newClient(List.of(etcd.endpoint(killed))),
                List.of(etcd.endpoint(killed)), Duration.ofSeconds(3)), cluster.keys());
        returned.awaitOrDump("the member that came back serves the latest state", WITHIN,
                () -> returned.running("after", "worker").map(c -> c.pid() == after.pid()).orElse(false));
        LOG.info("killed member restarted -> a new application RUNNING and the member caught up in {} ms",
                millisSince(restartedAt));

        // nothing started twice: the copies etcd saw first still run, each as the only OS process of its program
        Map<String, EtcdObserver.Copy> finalPlant = runningCopies("plant", "bus", "slow", "hmi");
        plant.forEach((process, copy) -> {
            assertTrue(finalPlant.get(process).sameRunAs(copy), process + " kept running as " + copy);
            runsOnceAsReported(process, copy);
        });
        runsOnceAsReported("late/worker", etcdView.running("late", "worker").orElseThrow());
        runsOnceAsReported("after/worker", after);
        for (String process : List.of("steady/worker", "steady/monitor")) {
            assertEquals(List.of(), OsProcesses.copiesOf(COMMANDS.get(process), agentPids), process + " stays stopped");
        }
        assertEquals(3, etcdView.assignments("plant").size(),
                "one assignment per process of plant: " + etcdView.assignments("plant"));
        assertTrue(etcdView.runsWhole("late", "worker") && etcdView.runsWhole("plant", "bus", "slow", "hmi"));

        assertHistoryShowsPlantStartedOnce(KeyHistory.replay(etcdView.store(), etcdView.keys(), revisionBefore), plant);
    }

    /** What the end state cannot show, etcd's history can: plant only went on starting, each process in one pid. */
    private static void assertHistoryShowsPlantStartedOnce(KeyHistory history, Map<String, EtcdObserver.Copy> plant) {
        List<ApplicationStatus> statuses = history.statuses("plant");
        assertTrue(statuses.stream().allMatch(s -> s != null
                        && (s.state() == ApplicationState.STARTING || s.state() == ApplicationState.RUNNING)),
                "plant was only STARTING, then RUNNING: " + statuses);
        for (String process : List.of("bus", "slow", "hmi")) {
            List<Long> pids = history.processStates("plant", process).stream().map(ProcessStatus::pid)
                    .filter(Objects::nonNull).distinct().toList();
            // a process that changed no more after the kill has no write in the history: no pid is then fine too
            assertTrue(List.of(plant.get("plant/" + process).pid()).containsAll(pids),
                    "plant/" + process + " ran in one pid only: " + pids);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
