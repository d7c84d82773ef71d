package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
 * Supvisors' scenario 2, requirement by requirement, on the example deploy/examples/scenario-2 run unchanged: three
 * servers and three consoles, each node's agent an OS process of its own reading its own supervisord configuration,
 * the rules and Supervisor files applied as {@code drover up} applies them. One cluster serves every test, in the
 * order given: what a test does (an HCI started, a bus crashed, a server powered down) is the state the next starts
 * from, and the tests that take servers away come last. Prints the figures Supvisors was measured with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Scenario2IT {

    private static final Logger LOG = LoggerFactory.getLogger(Scenario2IT.class);
    /** common_data_bus has startsecs 40: the services' start sequence waits for it. */
    private static final Duration AUTO_START_WITHIN = Duration.ofSeconds(180);
    private static final Duration WITHIN = Duration.ofSeconds(90);
    /** Longer than a node lease and a reconciliation: what does not happen in that time does not happen. */
    private static final Duration HOLDS = Duration.ofSeconds(10);

    private static final List<String> SERVERS = List.of("server_1", "server_2", "server_3");
    private static final List<String> CONSOLES = List.of("console_1", "console_2", "console_3");
    private static final List<String> SRV = List.of("scen2_srv_01", "scen2_srv_02", "scen2_srv_03");
    private static final List<String> HCI = List.of("scen2_hci_01", "scen2_hci_02", "scen2_hci_03");
    private static final String BUS = "scen2_internal_data_bus";
    /** The programs of a scen2_srv that live until stopped (its checks exit once what they check is there). */
    private static final List<String> SRV_SERVICES = List.of(BUS, "scen2_config_manager", "scen2_common_bus_interface",
            "scen2_data_processing", "scen2_sensor_acquisition");
    private static final List<String> SRV_PROGRAMS = List.of(BUS, "scen2_config_manager", "scen2_common_bus_interface",
            "scen2_data_processing", "scen2_sensor_acquisition", "scen2_check_internal_data_bus",
            "scen2_check_common_data_bus");
    private static final List<String> HCI_SERVICES = List.of(BUS, "scen2_chart_view", "scen2_sensor_control",
            "scen2_sensor_view");
    /** The startsecs of the buses in the example's Supervisor files. */
    private static final Duration INTERNAL_BUS_STARTSECS = Duration.ofSeconds(10);
    private static final Duration COMMON_BUS_STARTSECS = Duration.ofSeconds(40);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static ExampleCluster example;
    private static DroverCluster view;
    private static ScenarioChecks checks;
    private static KeyspaceWrites writes;
    private static long launched;
    private static long ready;
    /** The figures Supvisors was measured with, keyed by a rank then their name: printed in that order at the end. */
    private static final Map<String, String> FIGURES = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTheExample() throws Exception {
        example = ExampleCluster.of(etcd, dir, "scenario-2");
        view = example.view();
        checks = new ScenarioChecks(view);
        launched = System.nanoTime();
        // two operator replicas, as in production: one leads, the other takes over when it dies (with a server)
        example.start(2);
        view.awaitOrDump("the six nodes registered and an operator leading", WITHIN, example::ready);
        ready = System.nanoTime();
        FIGURES.put("1 cluster launch -> ready", seconds(ready - launched));
        writes = KeyspaceWrites.from(view.store(), view.keys());
        example.apply();
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        FIGURES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(f -> LOG.info("Supvisors' scenario 2 figure: {}: {}",
                        f.getKey().substring(f.getKey().indexOf(' ') + 1), f.getValue()));
        if (writes != null) {
            writes.close();
        }
        if (example != null) {
            example.close("Scenario2IT");
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static boolean srvFullyStarted(String application) {
        return checks.fullyStarted(application, SRV_SERVICES);
    }

    private static boolean hciFullyStarted(String application) {
        return checks.fullyStarted(application, HCI_SERVICES);
    }

    private static List<String> labels(String node) {
        return view.store().get(view.keys().node(node), NodeInfo.class).map(v -> v.value().labels()).orElse(List.of());
    }

    private static ProcessStatus process(String application, String process) {
        return view.observed(application, process).orElseThrow(() -> new AssertionError(application + "/" + process
                + " is not reported")).status();
    }

    // --- services: started automatically, once, spread over the servers ---

    @Test
    @Order(1)
    void r11_theThreeServicesStartAutomatically() {
        view.awaitOrDump("the three scen2_srv fully started without any request", AUTO_START_WITHIN,
                () -> SRV.stream().allMatch(Scenario2IT::srvFullyStarted));
        FIGURES.put("2 ready -> all scen2_srv fully started", seconds(System.nanoTime() - ready));
        Map<String, String> where = new TreeMap<>();
        SRV.forEach(a -> where.put(a, checks.host(a)));
        FIGURES.put("3 the three scen2_srv landed on", where + " (Supvisors put all three on server_1)");
        assertTrue(view.store().list(view.keys().intentsPrefix(), Intent.class).items().isEmpty(),
                "nobody asked for anything");
    }

    @Test
    @Order(2)
    void r01_xInstancesOfTheApplicationRunForXItems() {
        Set<String> applications = view.store().listRaw(view.keys().applicationsPrefix()).items().stream()
                .map(i -> i.key().substring(view.keys().applicationsPrefix().length())).collect(Collectors.toSet());
        assertTrue(applications.containsAll(SRV) && applications.containsAll(HCI), "applications: " + applications);
        SRV.forEach(a -> assertTrue(srvFullyStarted(a), checks.explain(a)));
    }

    @Test
    @Order(3)
    void r02_eachServiceRunsWhollyOnOneNode() {
        for (String application : SRV) {
            assertEquals(1, checks.runningNodes(application).size(), checks.explain(application));
            assertEquals(SRV_SERVICES.size(), checks.runningPids(application, SRV_SERVICES).size(),
                    checks.explain(application));
        }
    }

    @Test
    @Order(4)
    void r10_servicesRunOnServersOnly() {
        for (String application : SRV) {
            for (String node : checks.runningNodes(application)) {
                assertTrue(SERVERS.contains(node) && labels(node).contains("server"),
                        application + " runs on " + node + " labelled " + labels(node));
            }
        }
    }

    @Test
    @Order(5)
    void r12_eachServiceIsStartedOnceAtMost() {
        for (String application : SRV) {
            // one pid per program since the example was applied: no program was started twice, here or elsewhere
            assertEquals(SRV_PROGRAMS.size(), writes.pids(application).size(),
                    application + " pids " + writes.pids(application) + "\n" + checks.explain(application));
        }
        Map<String, Map<String, Long>> pids = new TreeMap<>();
        SRV.forEach(a -> pids.put(a, checks.runningPids(a, SRV_SERVICES)));
        // a started service is left alone: no second copy, no restart, while nothing fails
        view.holdsOrDump("each scen2_srv keeps running once, on one node, in the same processes", HOLDS,
                () -> SRV.stream().allMatch(a -> checks.runningNodes(a).size() == 1
                        && checks.runningPids(a, SRV_SERVICES).equals(pids.get(a))));
    }

    @Test
    @Order(6)
    void r13_theThreeServicesSpreadOverTheThreeServers() {
        Set<String> hosts = SRV.stream().map(checks::host).collect(Collectors.toSet());
        // LESS_LOADED with an expected load of 42 each: every server was the less loaded in turn
        assertEquals(Set.copyOf(SERVERS), hosts, "hosts of the scen2_srv");
    }

    @Test
    @Order(7)
    void r03_eachApplicationHasAnOperationalStatus() {
        for (String application : SRV) {
            ApplicationStatus status = view.status(application).orElseThrow();
            assertEquals(ApplicationState.RUNNING, status.state(), application);
            assertFalse(status.majorFailure() || status.minorFailure(), checks.explain(application));
        }
        for (String application : HCI) {
            ApplicationStatus status = view.status(application).orElseThrow(() -> new AssertionError(application
                    + " has no status"));
            assertEquals(ApplicationState.STOPPED, status.state(), application);
            assertFalse(status.majorFailure() || status.minorFailure(), checks.explain(application));
        }
        assertTrue(view.status("common_data_bus").isPresent(), "common_data_bus has a status");
    }

    @Test
    @Order(8)
    void r04_theServicesStartOnlyOnceTheirInternalBusRuns() {
        for (String application : SRV) {
            Instant busRunning = process(application, BUS).startTime().plus(INTERNAL_BUS_STARTSECS);
            for (String program : SRV_PROGRAMS) {
                if (program.equals(BUS)) {
                    continue;
                }
                Instant started = process(application, program).startTime();
                assertFalse(started.isBefore(busRunning.minusMillis(200)),
                        application + "/" + program + " started at " + started + ", before its bus ran at " + busRunning);
            }
            ProcessStatus check = process(application, "scen2_check_internal_data_bus");
            assertEquals(ProcessState.EXITED, check.state(), application + " check of the internal bus");
            assertEquals(0, check.exitCode(), application + " check of the internal bus");
        }
    }

    @Test
    @Order(9)
    void r17_theCommonBusInterfaceStartsOnlyOnceTheCommonBusRuns() {
        for (String application : SRV) {
            String host = checks.host(application);
            ProcessStatus commonBus = view.observedByNode("common_data_bus").getOrDefault(host, List.of()).stream()
                    .findFirst().orElseThrow(() -> new AssertionError("no common_data_bus on " + host));
            Instant commonBusRunning = commonBus.startTime().plus(COMMON_BUS_STARTSECS);
            Instant started = process(application, "scen2_common_bus_interface").startTime();
            assertFalse(started.isBefore(commonBusRunning.minusMillis(200)), application
                    + " common bus interface started at " + started + ", before the common bus of " + host + " ran at "
                    + commonBusRunning);
        }
    }

    // --- HCI: on demand, on the requesting console, once ---

    @Test
    @Order(10)
    void r20_anHciStartsUponUserRequest() {
        // nothing runs it before the user asks, though its console has long been up
        assertTrue(checks.stopped("scen2_hci_02"), checks.explain("scen2_hci_02"));
        example.request("scen2_hci_02", IntentAction.START, "console_2");
        view.awaitOrDump("scen2_hci_02 fully started on request", WITHIN, () -> hciFullyStarted("scen2_hci_02"));
    }

    @Test
    @Order(11)
    void r21_theHciRunsOnTheConsoleTheRequestCameFrom() {
        assertEquals(Set.of("console_2"), checks.runningNodes("scen2_hci_02"), checks.explain("scen2_hci_02"));
    }

    @Test
    @Order(12)
    void r22_theUserChoosesTheItem_onlyThatItemsHciStarts() {
        for (String other : List.of("scen2_hci_01", "scen2_hci_03")) {
            assertTrue(checks.stopped(other), checks.explain(other));
        }
    }

    @Test
    @Order(13)
    void r23_anHciRunningOnOneConsoleIsNotStartedTwice() {
        Map<String, Long> pids = checks.runningPids("scen2_hci_02", HCI_SERVICES);
        example.request("scen2_hci_02", IntentAction.START, "console_3");
        view.holdsOrDump("scen2_hci_02 stays on console_2 alone, in the same processes, when started from console_3",
                HOLDS, () -> checks.runningNodes("scen2_hci_02").equals(Set.of("console_2"))
                        && checks.runningPids("scen2_hci_02", HCI_SERVICES).equals(pids));
    }

    @Test
    @Order(14)
    void r24_theHciStartSequenceContinuesUponAFailure() throws Exception {
        example.request("scen2_hci_01", IntentAction.START, "console_1");
        // sensor_view fails at every start attempt: killed as soon as console_1 runs it, until it is FATAL
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int kills = 0;
        while (!view.observed("scen2_hci_01", "scen2_sensor_view").map(o -> o.status().state() == ProcessState.FATAL)
                .orElse(false)) {
            if (System.nanoTime() > deadline) {
                LOG.error("scen2_sensor_view not FATAL after {} kills; what etcd holds:\n{}", kills, view.dump());
                throw new AssertionError("scen2_sensor_view of scen2_hci_01 never became FATAL");
            }
            for (ProcessHandle sensorView : example.running("console_1", "sensor_view.sh")) {
                ExampleCluster.crash(sensorView.pid());
                kills++;
            }
            Thread.sleep(20);
        }
        LOG.info("scen2_sensor_view of scen2_hci_01 killed {} times: FATAL", kills);
        view.awaitOrDump("the rest of scen2_hci_01 runs despite the failure", WITHIN,
                () -> checks.runningPids("scen2_hci_01", List.of(BUS, "scen2_chart_view", "scen2_sensor_control"))
                        .size() == 3 && view.status("scen2_hci_01").map(s -> s.state() == ApplicationState.RUNNING)
                        .orElse(false));
        view.holdsOrDump("scen2_hci_01 is not stopped for its failed program", HOLDS,
                () -> checks.runningPids("scen2_hci_01", List.of(BUS, "scen2_chart_view", "scen2_sensor_control"))
                        .size() == 3);
        ApplicationStatus status = view.status("scen2_hci_01").orElseThrow();
        assertTrue(status.minorFailure() && !status.majorFailure(), "a failed optional program is a minor failure: "
                + checks.explain("scen2_hci_01"));
        assertEquals(Set.of("console_1"), checks.runningNodes("scen2_hci_01"));
    }

    @Test
    @Order(15)
    void r27_anHciStopsUponUserRequest() {
        example.request("scen2_hci_01", IntentAction.STOP, null);
        view.awaitOrDump("scen2_hci_01 stopped on request", WITHIN, () -> checks.stopped("scen2_hci_01"));
    }

    @Test
    @Order(16)
    void r21_anHciAskedOnAServerIsNotStarted() {
        // as in the use case, where starting scen2_hci_03 on a server is rejected: consoles only
        example.request("scen2_hci_01", IntentAction.START, "server_1");
        view.holdsOrDump("scen2_hci_01 asked on server_1 runs nowhere", HOLDS,
                () -> checks.runningNodes("scen2_hci_01").isEmpty());
        LOG.info("scen2_hci_01 asked on server_1:\n{}", checks.explain("scen2_hci_01"));
    }

    @Test
    @Order(17)
    void r25_anHciStopsWhollyWhenItsInternalBusCrashes() throws Exception {
        long bus = process("scen2_hci_02", BUS).pid();
        ExampleCluster.crash(bus);
        view.awaitOrDump("scen2_hci_02 fully stopped after its bus crashed", WITHIN, () -> checks.stopped("scen2_hci_02"));
        view.holdsOrDump("scen2_hci_02 stays stopped", HOLDS, () -> checks.runningNodes("scen2_hci_02").isEmpty());
    }

    @Test
    @Order(18)
    void r26_anHciIsNotRestartedOnAnotherConsoleWhenItsConsoleFails() throws Exception {
        example.request("scen2_hci_03", IntentAction.START, "console_3");
        view.awaitOrDump("scen2_hci_03 fully started on console_3", WITHIN, () -> hciFullyStarted("scen2_hci_03"));
        assertEquals(Set.of("console_3"), checks.runningNodes("scen2_hci_03"));
        example.powerDown("console_3");
        view.awaitOrDump("scen2_hci_03 declared stopped once console_3 is lost", WITHIN,
                () -> checks.stopped("scen2_hci_03"));
        view.holdsOrDump("scen2_hci_03 is not restarted on console_1 or console_2", HOLDS,
                () -> checks.runningNodes("scen2_hci_03").isEmpty());
    }

    // --- services: failures ---

    @Test
    @Order(19)
    void r14_aServiceWhoseStartFailsIsStopped() throws Exception {
        String application = "scen2_srv_03";
        example.request(application, IntentAction.RESTART, null);
        // its internal bus fails at every start attempt: killed while STARTING (startsecs 10) until it gives up
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Set<Long> killed = new HashSet<>();
        Instant requested = Instant.now();
        while (!(checks.stopped(application) && !killed.isEmpty())) {
            if (System.nanoTime() > deadline) {
                LOG.error("{} not stopped after its bus was killed {} times; what etcd holds:\n{}", application,
                        killed.size(), view.dump());
                throw new AssertionError(checks.explain(application));
            }
            var bus = view.observed(application, BUS);
            if (bus.isPresent() && bus.get().status().state() == ProcessState.STARTING && bus.get().status().pid() != null
                    && bus.get().status().startTime().isAfter(requested) && killed.add(bus.get().status().pid())) {
                ExampleCluster.crash(bus.get().status().pid());
            }
            Thread.sleep(50);
        }
        LOG.info("{} stopped after its internal bus was killed {} times while starting:\n{}", application,
                killed.size(), checks.explain(application));
        view.holdsOrDump(application + " stays stopped, consuming nothing", HOLDS,
                () -> checks.runningNodes(application).isEmpty());
        ApplicationStatus status = view.status(application).orElseThrow();
        assertTrue(status.majorFailure(), "a failed required program is a major failure: " + checks.explain(application));

        // back to three services for what follows
        example.request(application, IntentAction.START, null);
        view.awaitOrDump(application + " fully started again on request", WITHIN, () -> srvFullyStarted(application));
    }

    @Test
    @Order(20)
    void r15_aServiceIsFullyRestartedWhenItsInternalBusCrashes() throws Exception {
        String application = "scen2_srv_01";
        Map<String, Long> before = checks.runningPids(application, SRV_SERVICES);
        assertEquals(SRV_SERVICES.size(), before.size(), checks.explain(application));
        long crashed = System.nanoTime();
        ExampleCluster.crash(before.get(BUS));
        view.awaitOrDump(application + " fully restarted, every service in a new process", WITHIN,
                () -> srvFullyStarted(application) && checks.runningPids(application, SRV_SERVICES).entrySet().stream()
                        .allMatch(e -> !e.getValue().equals(before.get(e.getKey()))));
        FIGURES.put("5 internal bus crash -> application fully restarted", seconds(System.nanoTime() - crashed)
                + " (Supvisors: 17.9 s)");
        assertEquals(1, checks.runningNodes(application).size());
    }

    @Test
    @Order(21)
    void r16_aServiceOfAPoweredDownServerRestartsOnAnotherServer() throws Exception {
        String application = "scen2_srv_02";
        String lost = checks.host(application);
        long poweredDown = System.nanoTime();
        example.powerDown(lost);
        view.awaitOrDump(application + " fully running on another server", WITHIN,
                () -> srvFullyStarted(application) && !checks.runningNodes(application).contains(lost));
        String host = checks.host(application);
        FIGURES.put("4 server power-down -> scen2_srv fully running elsewhere", seconds(System.nanoTime() - poweredDown)
                + " (" + application + " from " + lost + " to " + host + "; Supvisors: 25 s median for a non-master"
                + " node, 34 s when its master died; drover's operator runs on no server)");
        assertNotEquals(lost, host);
        assertTrue(labels(host).contains("server"), host + " is a server");
        SRV.forEach(a -> assertTrue(srvFullyStarted(a), checks.explain(a)));
    }

    @Test
    @Order(22)
    void r16_aPoweredDownServerThatBootsAgainRunsItsCommonBusAgain() throws Exception {
        // Supervisor starts its autostart programs when it boots: the server lost before is a server again
        String rebooted = lostServer();
        example.restartAgent(rebooted, true);
        view.awaitOrDump(rebooted + " back, its common bus running", WITHIN.plus(COMMON_BUS_STARTSECS),
                () -> commonBusRuns(rebooted));
    }

    @Test
    @Order(23)
    void r16_aServiceOfAServerPoweredDownWithTheLeadingOperatorRestartsOnAnotherServer() throws Exception {
        // the server the test before booted again: the one running no scen2_srv
        String rebooted = SERVERS.stream().filter(s -> SRV.stream().noneMatch(a -> checks.runningNodes(a).contains(s)))
                .findFirst().orElseThrow();
        if (!commonBusRuns(rebooted)) {
            // whatever the test before found, a server with its common bus for this one: a replaced machine
            if (view.store().getRaw(view.keys().node(rebooted)).isPresent()) {
                example.powerDown(rebooted);
                view.awaitOrDump(rebooted + " lost again", WITHIN,
                        () -> view.store().getRaw(view.keys().node(rebooted)).isEmpty());
            }
            example.restartAgent(rebooted, false);
            view.awaitOrDump(rebooted + " replaced, its common bus running", WITHIN.plus(COMMON_BUS_STARTSECS),
                    () -> commonBusRuns(rebooted));
        }
        // Supvisors' master runs on a server; drover's leading operator goes down with the server here
        Map<String, List<String>> byServer = new TreeMap<>();
        SRV.forEach(a -> byServer.computeIfAbsent(checks.host(a), h -> new ArrayList<>()).add(a));
        String lost = byServer.entrySet().stream().filter(e -> e.getValue().size() == 1).findFirst().orElseThrow()
                .getKey();
        String application = byServer.get(lost).get(0);
        long poweredDown = System.nanoTime();
        example.powerDown(lost);
        String deadLeader = example.killLeader();
        view.awaitOrDump(application + " fully running on another server under a new leader", WITHIN,
                () -> srvFullyStarted(application) && !checks.runningNodes(application).contains(lost));
        String host = checks.host(application);
        FIGURES.put("4b server and leading operator power-down -> scen2_srv fully running elsewhere",
                seconds(System.nanoTime() - poweredDown) + " (" + application + " from " + lost + " to " + host
                        + ", leader " + deadLeader + " -> " + example.leader().orElse("none")
                        + "; Supvisors: 34 s when its master died)");
        assertNotEquals(lost, host);
        assertEquals(rebooted, host, "the only server with room for it");
        SRV.forEach(a -> assertTrue(srvFullyStarted(a), checks.explain(a)));
    }

    /** The one server whose agent is not registered. */
    private static String lostServer() {
        List<String> lost = SERVERS.stream().filter(s -> view.store().getRaw(view.keys().node(s)).isEmpty()).toList();
        assertEquals(1, lost.size(), "servers not registered: " + lost);
        return lost.get(0);
    }

    private static boolean commonBusRuns(String node) {
        return view.observedByNode("common_data_bus").getOrDefault(node, List.of()).stream()
                .anyMatch(s -> s.state() == ProcessState.RUNNING);
    }

    @Test
    @Order(24)
    void r05_noServiceStartsBeyondTheCapacityOfTheServersLeft() throws Exception {
        // two servers are left, one with two scen2_srv (84 of 100), one with one: power the latter down, and its
        // scen2_srv (42 more) fits nowhere
        Map<String, List<String>> byServer = new TreeMap<>();
        for (String application : SRV) {
            byServer.computeIfAbsent(checks.host(application), h -> new ArrayList<>()).add(application);
        }
        assertEquals(2, byServer.size(), "scen2_srv by server: " + byServer);
        String lost = byServer.entrySet().stream().filter(e -> e.getValue().size() == 1).findFirst().orElseThrow()
                .getKey();
        String orphan = byServer.get(lost).get(0);
        String left = byServer.keySet().stream().filter(s -> !s.equals(lost)).findFirst().orElseThrow();
        Map<String, Map<String, Long>> pids = new TreeMap<>();
        byServer.get(left).forEach(a -> pids.put(a, checks.runningPids(a, SRV_SERVICES)));
        example.powerDown(lost);
        view.awaitOrDump(orphan + " declared stopped once " + lost + " is lost", WITHIN, () -> checks.stopped(orphan));
        view.holdsOrDump(orphan + " is not started on " + left + ", which has no room for it; the two there go on",
                HOLDS, () -> checks.runningNodes(orphan).isEmpty() && pids.entrySet().stream()
                        .allMatch(e -> checks.runningPids(e.getKey(), SRV_SERVICES).equals(e.getValue())));
        LOG.info("{} after {} was lost:\n{}", orphan, lost, checks.explain(orphan));
    }
}
