package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.IntentAction;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supvisors' scenario 1, requirement by requirement, on the example deploy/examples/scenario-1 run unchanged: the
 * scen1 application distributed over rocky51, rocky52 and rocky53, each node's agent an OS process of its own reading
 * the distributed supervisord configuration (its own programs only). One cluster serves every test, in the order
 * given. The developer's configuration (requirements 6 and 7) is {@link Scenario1DeveloperIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Scenario1IT {

    private static final Logger LOG = LoggerFactory.getLogger(Scenario1IT.class);
    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Duration HOLDS = Duration.ofSeconds(10);
    private static final String APPLICATION = "scen1";

    /** Where each program is defined in the example's Supervisor files: the only node it may run on. */
    static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("scen1_hci", "rocky51"), Map.entry("scen1_config_manager", "rocky51"),
            Map.entry("scen1_data_processing", "rocky51"), Map.entry("scen1_external_interface", "rocky51"),
            Map.entry("scen1_data_recorder", "rocky51"), Map.entry("scen1_wait_nfs_mount_1", "rocky51"),
            Map.entry("scen1_sensor_acquisition_1", "rocky52"), Map.entry("scen1_sensor_processing_1", "rocky52"),
            Map.entry("scen1_wait_nfs_mount_2", "rocky52"),
            Map.entry("scen1_sensor_acquisition_2", "rocky53"), Map.entry("scen1_sensor_processing_2", "rocky53"),
            Map.entry("scen1_wait_nfs_mount_3", "rocky53"));
    /** The programs that live until stopped. */
    static final List<String> SERVICES = FIXED.keySet().stream().filter(p -> !p.contains("wait_nfs_mount")).sorted()
            .toList();
    static final List<String> WAITS = List.of("scen1_wait_nfs_mount_1", "scen1_wait_nfs_mount_2",
            "scen1_wait_nfs_mount_3");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static ExampleCluster example;
    private static DroverCluster view;
    private static ScenarioChecks checks;

    @BeforeAll
    static void startTheExample() throws Exception {
        example = ExampleCluster.of(etcd, dir, "scenario-1");
        view = example.view();
        checks = new ScenarioChecks(view);
        long launched = System.nanoTime();
        example.start();
        view.awaitOrDump("the three nodes registered and an operator leading", WITHIN, example::ready);
        long ready = System.nanoTime();
        example.apply();
        view.awaitOrDump("scen1 fully started", WITHIN, () -> checks.fullyStarted(APPLICATION, SERVICES));
        LOG.info("Supvisors' scenario 1: cluster launch -> ready {} ms; ready -> scen1 fully started {} ms",
                (ready - launched) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        if (example != null) {
            example.close("Scenario1IT");
        }
    }

    private static ProcessStatus process(String name) {
        return view.observed(APPLICATION, name).orElseThrow(() -> new AssertionError(name + " is not reported")).status();
    }

    /** Every process of scen1 reported on a node other than the one its program is defined on. */
    private static Map<String, String> misplaced() {
        Map<String, String> misplaced = new TreeMap<>();
        for (DroverCluster.Observed observed : view.observed(APPLICATION)) {
            if (!observed.node().equals(FIXED.get(observed.process()))) {
                misplaced.put(observed.process(), observed.node());
            }
        }
        return misplaced;
    }

    @Test
    @Order(1)
    void r01_theDistributionIsFixed_eachProgramRunsOnTheNodeDefiningIt() {
        for (String program : SERVICES) {
            DroverCluster.Observed observed = view.observed(APPLICATION, program).orElseThrow();
            assertEquals(ProcessState.RUNNING, observed.status().state(), program);
            assertEquals(FIXED.get(program), observed.node(), program);
        }
        assertEquals(Map.of(), misplaced(), "processes on a node that does not define them");
    }

    @Test
    @Order(2)
    void r02_theApplicationWaitsForTheNfsMountOnEveryNode() {
        Instant lastWaitOver = Instant.MIN;
        for (String wait : WAITS) {
            ProcessStatus status = process(wait);
            assertEquals(ProcessState.EXITED, status.state(), wait);
            assertEquals(0, status.exitCode(), wait);
            lastWaitOver = status.stopTime().isAfter(lastWaitOver) ? status.stopTime() : lastWaitOver;
        }
        for (String program : SERVICES) {
            Instant started = process(program).startTime();
            // Supvisors waits for all three waits to exit before the next stage starts
            assertFalse(started.isBefore(lastWaitOver.minusMillis(200)),
                    program + " started at " + started + ", before the last NFS wait was over at " + lastWaitOver);
        }
    }

    @Test
    @Order(3)
    void r03_theApplicationHasAnOperationalStatus() {
        ApplicationStatus status = view.status(APPLICATION).orElseThrow();
        assertEquals(ApplicationState.RUNNING, status.state());
        assertFalse(status.majorFailure() || status.minorFailure(), checks.explain(APPLICATION));
    }

    @Test
    @Order(4)
    void r04_aProgramCannotBeStartedOnAnotherNode() {
        example.requestProcess(APPLICATION, "scen1_hci", IntentAction.STOP, null);
        view.awaitOrDump("scen1_hci stopped on request", WITHIN,
                () -> view.observed(APPLICATION, "scen1_hci").map(o -> !o.status().state().isRunning()).orElse(false));
        example.requestProcess(APPLICATION, "scen1_hci", IntentAction.START, "rocky53");
        view.holdsOrDump("scen1_hci asked on rocky53, which does not define it, runs on no other node than rocky51",
                HOLDS, () -> misplaced().isEmpty());
        LOG.info("scen1_hci asked on rocky53:\n{}", checks.explain(APPLICATION));
    }

    @Test
    @Order(5)
    void r05_theApplicationIsRestartedOnTheThreeNodesUponRequest() {
        Map<String, Long> before = checks.runningPids(APPLICATION, SERVICES);
        Instant requested = Instant.now();
        example.request(APPLICATION, IntentAction.RESTART, null);
        view.awaitOrDump("scen1 fully restarted, every program in a new process", WITHIN,
                () -> checks.fullyStarted(APPLICATION, SERVICES) && SERVICES.stream().allMatch(p ->
                        view.observed(APPLICATION, p).map(o -> o.status().startTime().isAfter(requested)
                                && !o.status().pid().equals(before.get(p))).orElse(false)));
        assertEquals(Set.of("rocky51", "rocky52", "rocky53"), checks.runningNodes(APPLICATION));
        assertEquals(Map.of(), misplaced(), "processes on a node that does not define them");
        // the restart went through the NFS waits again
        for (String wait : WAITS) {
            assertTrue(process(wait).startTime().isAfter(requested), wait + " was not run again");
        }
    }
}
