package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server powers down — its agent and every process it ran killed with SIGKILL at once — and its application,
 * whose bus restarts the application on failure, runs again on another server. Prints how long that took.
 */
class NodePowerDownIT {

    private static final Logger LOG = LoggerFactory.getLogger(NodePowerDownIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TTL = "2s";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private DroverCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new DroverCluster(etcd, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close("NodePowerDownIT");
    }

    /** Observed processes of {@code application}, by node. */
    private Map<String, List<ProcessStatus>> observed(String application) {
        return cluster.observedByNode(application);
    }

    private boolean runsWholeOnOneNodeOtherThan(String application, String lostNode) {
        Map<String, List<ProcessStatus>> byNode = observed(application);
        Set<String> running = byNode.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> ProcessState.RUNNING_STATES.contains(s.state())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        return running.size() == 1 && !running.contains(lostNode)
                && byNode.get(running.iterator().next()).stream().filter(s -> s.state() == ProcessState.RUNNING).count() == 2
                && cluster.status(application).map(s -> s.state() == ApplicationState.RUNNING).orElse(false);
    }

    @Test
    void anApplicationOfAPoweredDownServerRunsAgainOnAnotherServer() throws Exception {
        for (String node : List.of("server_1", "server_2", "server_3")) {
            cluster.agent(node, TTL);
        }
        cluster.operator("op-1", TTL);
        String manifests = """
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
                    - name: bus
                      startSequence: 1
                      required: true
                      expectedLoading: 20
                      runningFailureStrategy: RESTART_APPLICATION
                    - pattern: ""
                      startSequence: 2
                      expectedLoading: 20
                ---
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: srv_01
                spec:
                  programs:
                  - name: bus
                    command: sleep 900
                    startSecs: 0
                  - name: service
                    command: sleep 901
                    startSecs: 0
                """;
        cluster.apply(manifests);
        await().atMost(WITHIN).until(() -> runsWholeOnOneNodeOtherThan("srv_01", "none"));
        String host = observed("srv_01").keySet().iterator().next();
        List<Long> pids = observed("srv_01").get(host).stream().map(ProcessStatus::pid).toList();

        long powerDown = System.nanoTime();
        cluster.powerDown(host, pids);

        try {
            await().atMost(WITHIN).until(() -> runsWholeOnOneNodeOtherThan("srv_01", host));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.error("not restarted elsewhere; what etcd holds:\n{}", cluster.dump());
            throw e;
        }
        long elapsed = (System.nanoTime() - powerDown) / 1_000_000;
        String newHost = observed("srv_01").entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.state() == ProcessState.RUNNING))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        LOG.info("server power-down -> srv_01 fully RUNNING on {} in {} ms (agent lease TTL {})", newHost, elapsed, TTL);
        assertNotEquals(host, newHost);
        assertEquals(1, observed("srv_01").entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> ProcessState.RUNNING_STATES.contains(s.state()))).count(),
                "running on exactly one node");
    }
}
