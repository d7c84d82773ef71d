package io.drover.operator.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.operator.OperatorNode;
import io.drover.operator.actuator.ApplyOutcome;
import io.drover.operator.actuator.PlanActuator;
import io.drover.operator.planning.Plan;
import io.drover.operator.planning.PlanAction;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.EtcdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two operator replicas over a real etcd, with simulated agents playing the nodes through the real keyspace. */
class OperatorIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;
    private final List<AutoCloseable> running = new ArrayList<>();

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

    private OperatorNode operator(String id) {
        OperatorNode node = OperatorNode.start(new OperatorNode.Settings(id, keys, TTL, TTL, Duration.ofSeconds(5),
                PlannerSettings.defaults().withEventSource("operator/" + id)), store);
        running.add(node);
        return node;
    }

    private SimulatedAgent agent(String id) {
        SimulatedAgent agent = SimulatedAgent.start(store, keys, id, TTL, "server");
        running.add(agent);
        return agent;
    }

    private void apply(String yaml) {
        for (Sourced<Resource> resource : new ManifestReader().read(yaml, "test.yaml", InputFormat.YAML)) {
            if (resource.value() instanceof Application application) {
                store.put(keys.application(application.name()), application);
            } else if (resource.value() instanceof RuleSet ruleSet) {
                store.put(keys.ruleSet(ruleSet.name()), ruleSet);
            }
        }
    }

    private Optional<ApplicationStatus> status(String application) {
        return store.get(keys.applicationStatus(application), ApplicationStatus.class).map(Versioned::value);
    }

    private Map<String, Versioned<Assignment>> assignmentsOf(String application) {
        return store.list(keys.assignmentsPrefix(), Assignment.class).items().stream()
                .filter(v -> v.value().application().equals(application))
                .collect(Collectors.toMap(Versioned::key, v -> v));
    }

    private static final String STAGED = """
            apiVersion: drover.io/v1
            kind: Application
            metadata:
              name: plant
            spec:
              startSequence: 1
              programs:
              - name: bus
                command: ./bus
                startSequence: 1
                required: true
              - name: slow
                command: ./slow
                startSequence: 1
              - name: hmi
                command: ./hmi
                startSequence: 2
            """;

    @Test
    void startsAStagedApplicationStageByStageAndReportsItRunning() {
        agent("server_1");
        operator("op-1");
        apply(STAGED);

        await().atMost(WITHIN).until(() -> status("plant").map(s -> s.state() == ApplicationState.RUNNING).orElse(false));
        Map<String, Versioned<Assignment>> assignments = assignmentsOf("plant");
        assertEquals(3, assignments.size(), assignments.keySet().toString());
        long stageTwo = assignments.get(keys.assignment("server_1", "plant", "hmi")).createRevision();
        assertTrue(assignments.get(keys.assignment("server_1", "plant", "bus")).createRevision() < stageTwo,
                "the second stage is assigned after the first");
        assertTrue(assignments.values().stream().allMatch(v -> v.value().desired() == DesiredState.RUNNING));
    }

    @Test
    void aStandbyFinishesTheStagedStartItsLeaderBeganWithoutRestartingAnything() {
        SimulatedAgent server = agent("server_1");
        server.script("slow", SimulatedAgent.Script.runsAfter(Duration.ofSeconds(3)));
        OperatorNode first = operator("op-1");
        await().atMost(WITHIN).until(first::isLeader);
        OperatorNode second = operator("op-2");
        apply(STAGED);
        await().atMost(WITHIN).until(() -> server.state("plant", "bus").orElse(null) == ProcessState.RUNNING);
        long busRevision = assignmentsOf("plant").get(keys.assignment("server_1", "plant", "bus")).modRevision();
        assertTrue(assignmentsOf("plant").get(keys.assignment("server_1", "plant", "hmi")) == null,
                "the second stage waits for 'slow'");

        first.close();
        running.remove(first);

        await().atMost(WITHIN).until(second::isLeader);
        await().atMost(WITHIN).until(() -> status("plant").map(s -> s.state() == ApplicationState.RUNNING).orElse(false));
        assertEquals(busRevision, assignmentsOf("plant").get(keys.assignment("server_1", "plant", "bus")).modRevision(),
                "what already ran was left alone");
        assertEquals(ProcessState.RUNNING, server.state("plant", "hmi").orElseThrow());
    }

    @Test
    void threeSingleInstanceApplicationsStartedTogetherLandOnThreeServers() {
        agent("server_1");
        agent("server_2");
        agent("server_3");
        operator("op-1");
        StringBuilder yaml = new StringBuilder("""
                apiVersion: drover.io/v1
                kind: RuleSet
                metadata:
                  name: services
                spec:
                  applications:
                  - pattern: srv_
                    distribution: SINGLE_INSTANCE
                    identifiers: ["*"]
                    startSequence: 1
                    startingStrategy: LESS_LOADED
                    programs:
                    - pattern: ""
                      startSequence: 1
                      expectedLoading: 21
                """);
        for (int i = 1; i <= 3; i++) {
            yaml.append("""
                    ---
                    apiVersion: drover.io/v1
                    kind: Application
                    metadata:
                      name: srv_0%d
                    spec:
                      programs:
                      - name: bus
                        command: ./bus
                      - name: service
                        command: ./service
                    """.formatted(i));
        }
        apply(yaml.toString());

        await().atMost(WITHIN).until(() -> List.of("srv_01", "srv_02", "srv_03").stream()
                .allMatch(a -> status(a).map(s -> s.state() == ApplicationState.RUNNING).orElse(false)));
        Set<String> servers = new HashSet<>();
        for (String application : List.of("srv_01", "srv_02", "srv_03")) {
            Set<String> nodes = assignmentsOf(application).keySet().stream()
                    .map(key -> keys.parse(key).map(k -> ((io.drover.api.keyspace.ParsedKey.AssignmentKey) k)
                            .process().node()).orElseThrow())
                    .collect(Collectors.toSet());
            assertEquals(1, nodes.size(), application + " runs on one node: " + nodes);
            servers.addAll(nodes);
        }
        assertEquals(Set.of("server_1", "server_2", "server_3"), servers, "42 % each: one application per server");
    }

    @Test
    void aDeposedLeadersPlanWritesNothing() {
        OperatorNode leader = operator("op-1");
        await().atMost(WITHIN).until(leader::isLeader);
        long staleEpoch = leader.election().currentEpoch().orElseThrow() - 1;
        Assignment assignment = new Assignment(DesiredState.RUNNING, "-", staleEpoch, "plant", "bus", Instant.now(), null);
        Plan plan = new Plan("plant", List.of(new PlanAction.PutAssignment("server_1", assignment, 0, "test")),
                Optional.empty());

        PlanActuator.Result result = new PlanActuator(store, keys).apply(plan, staleEpoch);

        assertEquals(ApplyOutcome.NOT_LEADER, result.outcome());
        assertTrue(store.getRaw(keys.assignment("server_1", "plant", "bus")).isEmpty());
    }
}
