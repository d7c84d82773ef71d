package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
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
 * Supvisors' scenario 3, requirement by requirement, on the example deploy/examples/scenario-3 run unchanged: the
 * distributed scen3_srv over three servers and one scen3_hci per console, each node's agent an OS process of its
 * own. One cluster serves every test, in the order given; the tests that take nodes away come last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Scenario3IT {

    private static final Logger LOG = LoggerFactory.getLogger(Scenario3IT.class);
    private static final Duration WITHIN = Duration.ofSeconds(150);
    private static final Duration HOLDS = Duration.ofSeconds(10);
    private static final List<String> SERVERS = List.of("server_1", "server_2", "server_3");
    private static final String SRV = "scen3_srv";
    private static final List<String> HCI = List.of("scen3_hci_01", "scen3_hci_02", "scen3_hci_03");
    private static final String INTERNAL_BUS = "scen3_internal_data_bus";
    private static final String COMMON_BUS = "common_data_bus";
    /** The startsecs of both buses in the example's Supervisor files. */
    private static final Duration BUS_STARTSECS = Duration.ofSeconds(10);
    private static final List<String> SRV_SERVICES = List.of("scen3_item_manager", "scen3_track_manager",
            "scen3_system_health", "scen3_common_bus_interface");
    private static final List<String> HCI_SERVICES = List.of("scen3_chart_view", "scen3_item_control");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static ExampleCluster example;
    private static DroverCluster view;
    private static ScenarioChecks checks;

    @BeforeAll
    static void startTheExample() throws Exception {
        example = ExampleCluster.of(etcd, dir, "scenario-3");
        view = example.view();
        checks = new ScenarioChecks(view);
        long launched = System.nanoTime();
        example.start();
        view.awaitOrDump("the six nodes registered and an operator leading", WITHIN, example::ready);
        long ready = System.nanoTime();
        example.apply();
        view.awaitOrDump("scen3_srv and the three scen3_hci fully started", WITHIN, Scenario3IT::allStarted);
        LOG.info("Supvisors' scenario 3: cluster launch -> ready {} ms; ready -> everything fully started {} ms",
                (ready - launched) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        if (example != null) {
            example.close("Scenario3IT");
        }
    }

    private static boolean allStarted() {
        return checks.fullyStarted(SRV, SRV_SERVICES) && HCI.stream().allMatch(h -> checks.fullyStarted(h, HCI_SERVICES));
    }

    private static ProcessStatus process(String application, String process) {
        return view.observed(application, process).orElseThrow(() -> new AssertionError(application + "/" + process
                + " is not reported")).status();
    }

    /** The node each running scen3_srv service is on. */
    private static Map<String, String> srvPlacement() {
        Map<String, String> placement = new TreeMap<>();
        for (String service : SRV_SERVICES) {
            view.observed(SRV, service).filter(o -> o.status().state() == ProcessState.RUNNING)
                    .ifPresent(o -> placement.put(service, o.node()));
        }
        return placement;
    }

    /** How many scen3_srv services each node of {@code nodes} runs. */
    private static Map<String, Long> servicesBy(Collection<String> nodes) {
        Map<String, Long> count = new TreeMap<>();
        nodes.forEach(n -> count.put(n, 0L));
        srvPlacement().values().forEach(n -> count.merge(n, 1L, Long::sum));
        return count;
    }

    private static List<String> labels(String node) {
        return view.store().get(view.keys().node(node), NodeInfo.class).map(v -> v.value().labels()).orElse(List.of());
    }

    /** The bus of {@code application} on {@code node}: an unmanaged program every node runs. */
    private static ProcessStatus bus(String bus, String node) {
        return view.observedByNode(bus).getOrDefault(node, List.of()).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + bus + " on " + node));
    }

    @Test
    @Order(1)
    void r01_servicesAndHcisStartAutomatically() {
        assertTrue(allStarted(), checks.explain(SRV));
        assertTrue(view.store().list(view.keys().intentsPrefix(), Intent.class).items().isEmpty(),
                "nobody asked for anything");
    }

    @Test
    @Order(2)
    void r02_eachApplicationHasAnOperationalStatus() {
        for (String application : List.of(SRV, HCI.get(0), HCI.get(1), HCI.get(2))) {
            ApplicationStatus status = view.status(application).orElseThrow();
            assertEquals(ApplicationState.RUNNING, status.state(), application);
            assertFalse(status.majorFailure() || status.minorFailure(), checks.explain(application));
        }
    }

    @Test
    @Order(3)
    void r03_servicesAndHcisStartOnlyOnceTheirNodesInternalBusRuns() {
        for (String application : List.of(SRV, HCI.get(0), HCI.get(1), HCI.get(2))) {
            for (DroverCluster.Observed observed : view.observed(application)) {
                if (observed.process().contains("check_")) {
                    continue;
                }
                Instant busRunning = bus(INTERNAL_BUS, observed.node()).startTime().plus(BUS_STARTSECS);
                assertFalse(observed.status().startTime().isBefore(busRunning.minusMillis(200)), application + "/"
                        + observed.process() + " started at " + observed.status().startTime() + " before the internal"
                        + " bus of " + observed.node() + " ran at " + busRunning);
            }
        }
    }

    @Test
    @Order(4)
    void r10_servicesAreDistributedOnServersOnly() {
        for (DroverCluster.Observed observed : view.observed(SRV)) {
            assertTrue(labels(observed.node()).contains("server"), observed.process() + " on " + observed.node());
        }
        assertTrue(checks.runningNodes(SRV).size() > 1, "scen3_srv is distributed: " + srvPlacement());
    }

    @Test
    @Order(5)
    void r11_theServicesAreLoadBalancedOverTheServers() {
        Map<String, Long> count = servicesBy(SERVERS);
        LOG.info("scen3_srv services by server: {}", srvPlacement());
        // four services of an equal expected load over three servers: two, one and one
        long most = count.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long least = count.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(most - least <= 1, "services by server: " + count);
    }

    @Test
    @Order(6)
    void r12_theInternalBusRunsOnEveryServer() {
        for (String server : SERVERS) {
            assertEquals(ProcessState.RUNNING, bus(INTERNAL_BUS, server).state(), server);
        }
    }

    @Test
    @Order(7)
    void r14_theCommonBusInterfaceStartsOnlyOnceTheCommonBusRuns() {
        DroverCluster.Observed bridge = view.observed(SRV, "scen3_common_bus_interface").orElseThrow();
        Instant commonBusRunning = bus(COMMON_BUS, bridge.node()).startTime().plus(BUS_STARTSECS);
        assertFalse(bridge.status().startTime().isBefore(commonBusRunning.minusMillis(200)), "started at "
                + bridge.status().startTime() + ", before the common bus of " + bridge.node() + " ran at "
                + commonBusRunning);
    }

    @Test
    @Order(8)
    void r20_anHciRunsOnEachConsole() {
        for (int i = 0; i < HCI.size(); i++) {
            assertEquals(Set.of("console_" + (i + 1)), checks.runningNodes(HCI.get(i)), checks.explain(HCI.get(i)));
        }
    }

    @Test
    @Order(9)
    void r05_theServicesPartakeInTheLoadInformation() {
        // what each server runs of scen3_srv shows in its measured load, which placement reads with expected loads
        view.awaitOrDump("every server's load lists the scen3_srv services it runs", WITHIN, () -> {
            for (Map.Entry<String, String> service : srvPlacement().entrySet()) {
                var stats = view.store().get(view.keys().nodeStats(service.getValue()), NodeStats.class);
                if (stats.isEmpty() || !stats.get().value().processes()
                        .containsKey(NodeStats.processKey(SRV, service.getKey()))) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @Order(10)
    void r04_theStartIsNotAbortedWhenAProgramFails() throws Exception {
        String hci = "scen3_hci_01";
        Instant requested = Instant.now();
        example.request(hci, IntentAction.RESTART, null);
        // chart_view fails at every start attempt: killed as soon as console_1 runs it, until it is FATAL
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int kills = 0;
        while (!view.observed(hci, "scen3_chart_view").map(o -> o.status().state() == ProcessState.FATAL
                && o.status().stopTime() != null && o.status().stopTime().isAfter(requested)).orElse(false)) {
            if (System.nanoTime() > deadline) {
                LOG.error("scen3_chart_view not FATAL after {} kills; what etcd holds:\n{}", kills, view.dump());
                throw new AssertionError("scen3_chart_view of " + hci + " never became FATAL");
            }
            for (ProcessHandle chartView : example.running("console_1", "chart_view.sh")) {
                ExampleCluster.crash(chartView.pid());
                kills++;
            }
            Thread.sleep(20);
        }
        view.awaitOrDump("item_control of " + hci + " runs despite the failure", WITHIN,
                () -> view.observed(hci, "scen3_item_control").map(o -> o.status().state() == ProcessState.RUNNING
                        && o.status().startTime().isAfter(requested)).orElse(false));
        view.holdsOrDump(hci + " goes on without its failed program", HOLDS,
                () -> checks.runningNodes(hci).equals(Set.of("console_1")));
        LOG.info("{} after its chart_view failed {} times:\n{}", hci, kills, checks.explain(hci));
    }

    @Test
    @Order(11)
    void r21_anHciIsNotRestartedOnAnotherConsoleWhenItsConsoleFails() throws Exception {
        example.powerDown("console_3");
        view.awaitOrDump("scen3_hci_03 declared stopped once console_3 is lost", WITHIN,
                () -> checks.stopped("scen3_hci_03"));
        view.holdsOrDump("scen3_hci_03 is not restarted on console_1 or console_2", HOLDS,
                () -> checks.runningNodes("scen3_hci_03").isEmpty());
    }

    @Test
    @Order(12)
    void r13_theServicesOfAPoweredDownServerAreRedistributedOverTheOthers() throws Exception {
        Map<String, Long> before = servicesBy(SERVERS);
        String lost = before.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow();
        List<String> left = SERVERS.stream().filter(s -> !s.equals(lost)).toList();
        long poweredDown = System.nanoTime();
        example.powerDown(lost);
        view.awaitOrDump("every scen3_srv service running again, on the servers left", WITHIN,
                () -> srvPlacement().size() == SRV_SERVICES.size() && !srvPlacement().containsValue(lost));
        LOG.info("Supvisors' scenario 3: server power-down -> scen3_srv services running on the servers left in {} ms:"
                + " {} (before: {})", (System.nanoTime() - poweredDown) / 1_000_000, srvPlacement(), before);
        Map<String, Long> after = servicesBy(left);
        long most = after.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long least = after.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(most - least <= 1, "services by server left: " + after);
    }
}
