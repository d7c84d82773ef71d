package io.drover.cli.client;

import io.drover.agent.NodeAgent;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.operator.OperatorNode;
import io.drover.operator.api.ApiServer;
import io.drover.operator.api.ApiTokens;
import io.drover.operator.api.Role;
import io.drover.operator.planning.PlannerSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the client verbs talk to in the tests: one operator replica serving the REST API on a free loopback port,
 * and real node agents in this JVM running real processes, over the test's etcd.
 */
final class TestCluster implements AutoCloseable {

    static final String ADMIN = "admin-token-0001";
    static final String OPERATOR = "operator-token-01";
    static final String VIEWER = "viewer-token-0001";
    static final String AGENT_TOKEN = "agent-token-0001";
    static final Duration TTL = Duration.ofSeconds(2);

    private final List<AutoCloseable> running = new ArrayList<>();
    private final ApiServer server;

    TestCluster(EtcdStore store, Keyspace keys, Path dir, List<String> nodes) {
        OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-1", keys, TTL, TTL,
                Duration.ofSeconds(5), PlannerSettings.defaults().withEventSource("operator/op-1"), Set.copyOf(nodes)),
                store);
        running.add(operator);
        for (String node : nodes) {
            Path nodeDir = dir.resolve(node);
            NodeInfo info = new NodeInfo(node, node, List.of("server"), NodeInfo.DEFAULT_CAPACITY, null, "test",
                    Instant.now());
            SupervisorSettings supervisor = SupervisorSettings.of(node, nodeDir.resolve("log"), nodeDir.resolve("state"))
                    .withHostNodeName(node);
            running.add(NodeAgent.start(new NodeAgent.Settings(info, keys, TTL, supervisor, Duration.ofSeconds(2),
                    null, false, Duration.ofSeconds(10), new InetSocketAddress("127.0.0.1", 0), AGENT_TOKEN), store));
        }
        server = ApiServer.start("op-1", operator, store, new ApiServer.Settings("127.0.0.1", 0,
                ApiTokens.of(Map.of(ADMIN, Role.ADMIN, OPERATOR, Role.OPERATOR, VIEWER, Role.VIEWER)))
                .withAgentToken(AGENT_TOKEN));
        running.add(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Stops everything, last started first; the first failure is thrown once all were tried. */
    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop " + running.get(i), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
