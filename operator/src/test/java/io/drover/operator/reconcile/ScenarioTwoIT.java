package io.drover.operator.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.model.Application;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.api.supervisor.NodeConfig;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.EtcdExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Supvisors' scenario 2 as its users have it: the real {@code supvisors_rules.xml} and Supervisor configuration
 * (servers use {@code supervisord_server.conf}, consoles {@code supervisord_console.conf}), loaded with the node
 * mapping the CLI uses, written into a real etcd, and driven by two operator replicas over six simulated nodes.
 */
class ScenarioTwoIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private static final List<String> SERVERS = List.of("server_1", "server_2", "server_3");
    private static final List<String> CONSOLES = List.of("console_1", "console_2", "console_3");
    private static final List<String> SERVICES = List.of("scen2_srv_01", "scen2_srv_02", "scen2_srv_03");
    private static final List<String> HCIS = List.of("scen2_hci_01", "scen2_hci_02", "scen2_hci_03");
    private static final String COMMON = "common_data_bus";

    /** The srv start sequence as the rules file makes it (models and program overrides resolved). */
    private static final Map<String, Integer> SRV_STAGES = Map.of(
            "scen2_internal_data_bus", 1,
            "scen2_check_internal_data_bus", 2,
            "scen2_config_manager", 3,
            "scen2_data_processing", 3,
            "scen2_sensor_acquisition", 3,
            "scen2_check_common_data_bus", 3,
            "scen2_common_bus_interface", 4);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
    private final List<OperatorNode> operators = new ArrayList<>();
    /** application -> program -> nodes whose configuration defines it, as imported */
    private final Map<String, Map<String, Set<String>>> definedOn = new TreeMap<>();

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    // --- the scenario ---

    @Test
    void servicesStartOnePerServerStageByStageAndHcisWaitForTheirUser() {
        bringUp();
        awaitServicesRunning();

        // req 2, 10, 13: each srv entirely on one server, the three on three different servers
        Map<String, String> hostOf = new TreeMap<>();
        for (String service : SERVICES) {
            hostOf.put(service, singleNodeOf(service));
        }
        assertEquals(new TreeSet<>(SERVERS), new TreeSet<>(hostOf.values()), "one srv per server (LESS_LOADED): " + hostOf);

        // req 3: an operational status per application
        for (String service : SERVICES) {
            ApplicationStatus status = status(service).orElseThrow();
            assertFalse(status.majorFailure(), service + ": " + status);
            assertFalse(status.minorFailure(), service + ": " + status);
            assertEquals(Set.of(hostOf.get(service)), new HashSet<>(status.placement().values()),
                    service + " placement: " + status.placement());
            assertEquals(SRV_STAGES.keySet(), status.placement().keySet(), service + ": every program placed");
        }

        // req 4, 17: stage k+1 is assigned only after stage k is done, read from etcd's own revisions
        for (String service : SERVICES) {
            assertStartedStageByStage(service, hostOf.get(service));
        }

        // req 15: the data bus restarts the application, so the agent must not restart it on its own
        for (String service : SERVICES) {
            Assignment bus = assignment(hostOf.get(service), service, "scen2_internal_data_bus").orElseThrow().value();
            assertTrue(bus.restartsByOperator(), service + ": RESTART_APPLICATION turns Supervisor's autorestart off");
        }

        // req 20 (and 11 a contrario): start_sequence 0, the HCIs wait for a user request
        for (String hci : HCIS) {
            assertEquals(Map.of(), assignmentsOf(hci), hci + " is not auto-started");
            status(hci).ifPresent(s -> assertEquals(ApplicationState.STOPPED, s.state(), hci + ": " + s));
        }

        // unmanaged common_data_bus: autostart, on every node whose configuration defines it (all six)
        await().atMost(WITHIN).until(() -> running(COMMON).size() == 6);
        assertEquals(definedOn.get(COMMON).get(COMMON), running(COMMON).keySet().stream()
                .map(ProcessRef::node).collect(Collectors.toSet()));
        assertEquals(6, assignmentsOf(COMMON).size(), "one copy per node, nothing else: " + assignmentsOf(COMMON).keySet());
        await().atMost(WITHIN).until(() -> status(COMMON).map(s -> s.state() == ApplicationState.RUNNING).orElse(false));
        assertFalse(status(COMMON).orElseThrow().majorFailure(), "an unmanaged application never fails");

        assertOnlyDefiningNodesAssigned();
        assertEquals(1, operators.stream().filter(OperatorNode::isLeader).count(), "one leader among the replicas");
    }

    @Test
    void aServiceOnAServerThatPowersOffIsRestartedWholeOnAnotherServer() {
        bringUp();
        awaitServicesRunning();
        String victim = "scen2_srv_02";
        String lost = singleNodeOf(victim);
        Map<String, Long> othersRevisions = new HashMap<>();
        for (String service : SERVICES) {
            if (!service.equals(victim)) {
                assignmentsOf(service).forEach((key, v) -> othersRevisions.put(key, v.modRevision()));
            }
        }
        Map<String, Long> commonRevisions = new HashMap<>();
        assignmentsOf(COMMON).forEach((key, v) -> commonRevisions.put(key, v.modRevision()));
        long poweredOffAt = store.currentRevision();

        agents.get(lost).powerOff();

        // the node's lease expires, its processes vanish; RESTART_APPLICATION on scen2_internal_data_bus (req 15, 16)
        // starts the whole application again on another server, LESS_LOADED among the two left (42 + 42 fits in 100)
        await().atMost(WITHIN).until(() -> store.get(keys.node(lost), NodeInfo.class).isEmpty());
        awaitOrExplain(victim, () -> {
            Map<ProcessRef, ProcessStatus> now = running(victim);
            return now.size() == SRV_STAGES.size() - 2 && now.keySet().stream().noneMatch(r -> r.node().equals(lost))
                    && status(victim).map(s -> s.state() == ApplicationState.RUNNING).orElse(false);
        });
        Set<String> wanted = assignmentsOf(victim).entrySet().stream()
                .filter(e -> e.getValue().value().startsOnNode())
                .map(e -> ref(e.getKey()).node()).collect(Collectors.toSet());
        assertEquals(1, wanted.size(), victim + " is still not distributed: " + wanted);
        String newHome = wanted.iterator().next();
        assertNotEquals(lost, newHome);
        assertTrue(SERVERS.contains(newHome), victim + " restarted on a server (req 10), not on " + newHome);
        ApplicationStatus status = status(victim).orElseThrow();
        assertEquals(Set.of(newHome), new HashSet<>(status.placement().values()), "placement: " + status.placement());
        assertFalse(status.majorFailure(), "the restarted application is operational again: " + status);

        // what was on the lost node is held adopt-only (or stopped), so that the node starts nothing again if it
        // comes back, and a copy it still runs then is conciliated
        for (String program : SRV_STAGES.keySet()) {
            Versioned<Assignment> old = assignment(lost, victim, program).orElseThrow();
            assertFalse(old.value().startsOnNode(), program + " on " + lost);
        }
        // the restart follows the start sequence again, on the new server
        Map<String, Versioned<Assignment>> restarted = new HashMap<>();
        for (String program : SRV_STAGES.keySet()) {
            Versioned<Assignment> now = assignment(newHome, victim, program).orElseThrow();
            assertTrue(now.createRevision() > poweredOffAt, program + " was assigned to " + newHome + " after the loss");
            restarted.put(program, now);
        }
        assertStagesOrdered(victim, restarted);

        // nothing else moved: the other services keep running where they were, the unmanaged bus stays on the others
        for (String service : SERVICES) {
            if (!service.equals(victim)) {
                Map<String, Versioned<Assignment>> now = assignmentsOf(service);
                othersRevisions.forEach((key, revision) -> {
                    if (ref(key).application().equals(service)) {
                        assertEquals(revision, now.get(key).modRevision(), key + " was left alone");
                    }
                });
                assertEquals(ApplicationState.RUNNING, status(service).orElseThrow().state());
            }
        }
        commonRevisions.forEach((key, revision) -> {
            if (!ref(key).node().equals(lost)) {
                assertEquals(revision, assignmentsOf(COMMON).get(key).modRevision(), key + " was left alone");
            }
        });
        assertEquals(5, running(COMMON).size(), "the unmanaged bus is not moved: it runs where it is defined and alive");
        for (String hci : HCIS) {
            assertEquals(Map.of(), assignmentsOf(hci), hci + " still waits for its user");
        }
        // 42 + 42 on the new server, and the third server untouched
        Set<String> hosts = SERVICES.stream().map(this::singleRunningNodeOf).collect(Collectors.toSet());
        assertEquals(2, hosts.size(), "two servers left for three services: " + hosts);
        assertOnlyDefiningNodesAssigned();
    }

    // --- bringing it up ---

    private void bringUp() {
        LoadedInputs inputs = load();
        for (Sourced<RuleSet> ruleSet : inputs.ruleSets()) {
            store.put(keys.ruleSet(ruleSet.value().name()), ruleSet.value());
        }
        int host = 0;
        for (String server : SERVERS) {
            agent(server, "host-" + (++host), "server");
        }
        for (String console : CONSOLES) {
            agent(console, "host-" + (++host), "console");
        }
        // the capacity of a node is its host's: Supvisors caps machines; here each node has a machine of its own
        operator("op-1");
        operator("op-2");
        await().atMost(WITHIN).until(() -> operators.stream().anyMatch(OperatorNode::isLeader));
        for (Sourced<Application> application : inputs.applications()) {
            Application value = application.value();
            Map<String, Set<String>> programs = new TreeMap<>();
            for (ProgramSpec program : value.spec().programsOrEmpty()) {
                programs.put(program.name(), program.nodes() == null ? Set.copyOf(allNodes()) : Set.copyOf(program.nodes()));
            }
            definedOn.put(value.name(), programs);
            store.put(keys.application(value.name()), value);
        }
        Set<String> expected = new TreeSet<>(SERVICES);
        expected.addAll(HCIS);
        expected.add(COMMON);
        assertEquals(expected, definedOn.keySet(), "what the import of scenario 2 makes");
        assertEquals(SRV_STAGES.keySet(), definedOn.get("scen2_srv_01").keySet());
    }

    private static LoadedInputs load() {
        Path etc = repository("api-schemas/src/test/resources/supervisor/cases/scenario_2/etc");
        List<NodeConfig> mapping = new ArrayList<>();
        SERVERS.forEach(server -> mapping.add(NodeConfig.of(server, etc.resolve("supervisord_server.conf"))));
        CONSOLES.forEach(console -> mapping.add(NodeConfig.of(console, etc.resolve("supervisord_console.conf"))));
        return new InputLoader(Map.of(), mapping, new ByteArrayInputStream(new byte[0]), new SupervisorImporter())
                .load(List.of(etc.resolve("supvisors_rules.xml").toString()));
    }

    /** A path of the repository (the folder holding api-schemas), whichever module the tests run from. */
    private static Path repository(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("api-schemas"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("tests must run inside the drover repository");
        }
        return dir.resolve(relative);
    }

    private void agent(String nodeId, String hostId, String label) {
        NodeInfo node = new NodeInfo(nodeId, hostId, List.of(label), NodeInfo.DEFAULT_CAPACITY,
                URI.create("http://127.0.0.1:0"), "simulated", Instant.now());
        SimulatedAgent agent = SimulatedAgent.start(store, keys, node, TTL)
                // wait_exit programs: they check their bus and exit 0 once it is operational
                .script("scen2_check_internal_data_bus", SimulatedAgent.Script.exits(0, Duration.ofMillis(200)))
                .script("scen2_check_common_data_bus", SimulatedAgent.Script.exits(0, Duration.ofMillis(200)))
                .defaultScript(SimulatedAgent.Script.runsAfter(Duration.ofMillis(50)));
        agents.put(nodeId, agent);
        running.add(agent);
    }

    private void operator(String id) {
        OperatorNode node = OperatorNode.start(new OperatorNode.Settings(id, keys, TTL, TTL, Duration.ofSeconds(5),
                PlannerSettings.defaults().withCapHosts(true).withEventSource("operator/" + id)), store);
        operators.add(node);
        running.add(node);
    }

    private List<String> allNodes() {
        List<String> all = new ArrayList<>(SERVERS);
        all.addAll(CONSOLES);
        return all;
    }

    private void awaitServicesRunning() {
        awaitOrExplain("scen2_srv_01", () -> SERVICES.stream().allMatch(s -> status(s)
                .map(st -> st.state() == ApplicationState.RUNNING && st.placement().size() == SRV_STAGES.size())
                .orElse(false)
                && running(s).size() == SRV_STAGES.size() - 2 /* the two checks have exited */));
    }

    /** Awaits {@code condition}; on timeout, fails with what etcd holds for {@code application}. */
    private void awaitOrExplain(String application, Callable<Boolean> condition) {
        try {
            await().atMost(WITHIN).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder explanation = new StringBuilder(e.getMessage()).append("\nstatus of ").append(application)
                    .append(": ").append(status(application).orElse(null)).append("\nassignments:");
            new TreeMap<>(assignmentsOf(application)).forEach((key, v) -> explanation.append("\n  ").append(ref(key))
                    .append(' ').append(v.value().desired()).append(" rev ").append(v.createRevision()).append('/')
                    .append(v.modRevision()).append(" by ").append(v.value().requestId()));
            explanation.append("\nrunning: ").append(running(application).keySet());
            throw new AssertionError(explanation.toString(), e);
        }
    }

    // --- assertions ---

    /** Every assignment is on a node whose Supervisor configuration defines the program (req 10, Supvisors' rule). */
    private void assertOnlyDefiningNodesAssigned() {
        for (Versioned<Assignment> v : store.list(keys.assignmentsPrefix(), Assignment.class).items()) {
            ProcessRef ref = ref(v.key());
            Set<String> nodes = definedOn.getOrDefault(ref.application(), Map.of()).get(ref.process());
            assertTrue(nodes != null && nodes.contains(ref.node()), ref + " is assigned where it is not defined: " + nodes);
        }
    }

    /**
     * The stages of {@code service} were assigned in start_sequence order, and each stage only once the previous one
     * was done: the process key of a stage-k program (written last when it went RUNNING, or EXITED for wait_exit)
     * is older than every assignment of stage k+1.
     */
    private void assertStartedStageByStage(String service, String node) {
        Map<String, Versioned<Assignment>> byProgram = new HashMap<>();
        for (String program : SRV_STAGES.keySet()) {
            byProgram.put(program, assignment(node, service, program).orElseThrow());
        }
        assertStagesOrdered(service, byProgram);
        for (int stage = 1; stage < 4; stage++) {
            long nextStageFirst = firstOfStage(byProgram, stage + 1);
            for (String program : programsOfStage(stage)) {
                Versioned<ProcessStatus> observed = store.get(keys.process(node, service, program), ProcessStatus.class)
                        .orElseThrow();
                boolean waitExit = program.startsWith("scen2_check_");
                assertEquals(waitExit ? ProcessState.EXITED : ProcessState.RUNNING, observed.value().state(), program);
                if (waitExit) {
                    assertTrue(observed.value().expectedExit(), program + " exited as expected");
                }
                assertTrue(observed.modRevision() < nextStageFirst, service + ": stage " + (stage + 1) + " assigned at "
                        + nextStageFirst + " before " + program + " was " + observed.value().state() + " ("
                        + observed.modRevision() + ")");
            }
        }
    }

    private static void assertStagesOrdered(String service, Map<String, Versioned<Assignment>> byProgram) {
        for (int stage = 1; stage < 4; stage++) {
            long last = programsOfStage(stage).stream().mapToLong(p -> byProgram.get(p).createRevision()).max().orElseThrow();
            long next = firstOfStage(byProgram, stage + 1);
            assertTrue(last < next, service + ": stage " + stage + " (last assigned at " + last + ") before stage "
                    + (stage + 1) + " (first assigned at " + next + ")");
        }
    }

    private static long firstOfStage(Map<String, Versioned<Assignment>> byProgram, int stage) {
        return programsOfStage(stage).stream().mapToLong(p -> byProgram.get(p).createRevision()).min().orElseThrow();
    }

    private static List<String> programsOfStage(int stage) {
        return SRV_STAGES.entrySet().stream().filter(e -> e.getValue() == stage).map(Map.Entry::getKey).sorted().toList();
    }

    // --- reading etcd ---

    private Optional<ApplicationStatus> status(String application) {
        return store.get(keys.applicationStatus(application), ApplicationStatus.class).map(Versioned::value);
    }

    private Optional<Versioned<Assignment>> assignment(String node, String application, String program) {
        return store.get(keys.assignment(node, application, program), Assignment.class);
    }

    private Map<String, Versioned<Assignment>> assignmentsOf(String application) {
        return store.list(keys.assignmentsPrefix(), Assignment.class).items().stream()
                .filter(v -> v.value().application().equals(application))
                .collect(Collectors.toMap(Versioned::key, v -> v));
    }

    /** The processes of {@code application} that agents report in a running state now. */
    private Map<ProcessRef, ProcessStatus> running(String application) {
        Map<ProcessRef, ProcessStatus> found = new HashMap<>();
        for (Versioned<ProcessStatus> v : store.list(keys.processesPrefix(), ProcessStatus.class).items()) {
            ProcessRef ref = keys.parseProcess(v.key()).orElseThrow();
            if (ref.application().equals(application) && v.value().state().isRunning()) {
                found.put(ref, v.value());
            }
        }
        return found;
    }

    /** The one node all assignments of {@code application} are on. */
    private String singleNodeOf(String application) {
        Set<String> nodes = assignmentsOf(application).keySet().stream().map(k -> ref(k).node()).collect(Collectors.toSet());
        assertEquals(1, nodes.size(), application + " runs on one node: " + nodes);
        return nodes.iterator().next();
    }

    /** The one node running processes of {@code application}. */
    private String singleRunningNodeOf(String application) {
        Set<String> nodes = running(application).keySet().stream().map(ProcessRef::node).collect(Collectors.toSet());
        assertEquals(1, nodes.size(), application + " runs on one node: " + nodes);
        return nodes.iterator().next();
    }

    private ProcessRef ref(String assignmentKey) {
        return keys.parseAssignment(assignmentKey).orElseThrow();
    }
}
