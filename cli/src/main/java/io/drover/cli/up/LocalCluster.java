package io.drover.cli.up;

import io.drover.agent.NodeAgent;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.cli.VersionProvider;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator and one node agent per node of a {@link Topology}, all in this JVM over one etcd. Each agent plays a
 * machine of its own: its own host id (so that host-level rules see distinct hosts), state and log folders, and
 * {@code %(host_node_name)s}.
 */
final class LocalCluster implements AutoCloseable {

    static final Duration LEASE_TTL = Duration.ofSeconds(3);
    static final int CAPACITY = 100;
    static final String OPERATOR_ID = "up-operator";
    /** The etcd of the local cluster, for the processes that read it (the examples' check programs). */
    static final String ETCD_ENDPOINTS = "DROVER_ETCD_ENDPOINTS";
    /** Where process states are, {@code <prefix><node>/<application>/<process>}, for the same processes. */
    static final String PROCESSES_PREFIX = "DROVER_PROCESSES_PREFIX";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

    private final OperatorNode operator;
    private final List<NodeAgent> agents;

    private LocalCluster(OperatorNode operator, List<NodeAgent> agents) {
        this.operator = operator;
        this.agents = agents;
    }

    /**
     * Starts the operator, then every agent at once (an agent may wait out the lease of one killed just before). The
     * operator expects the topology's nodes: automatic starts begin as soon as they are all registered, rather than
     * one node lease after its election, and never before (an application placed on the first nodes to register
     * would not be where the example's rules want it).
     *
     * @param etcdEndpoint given to every process as {@value #ETCD_ENDPOINTS}, so that the examples' check programs
     *                     can read the states of the processes they wait for
     */
    static LocalCluster start(EtcdStore store, String etcdEndpoint, Keyspace keyspace, Topology topology, Path dir) {
        Set<String> expected = topology.nodes().stream().map(Topology.Node::id).collect(Collectors.toSet());
        OperatorNode operator = OperatorNode.start(new OperatorNode.Settings(OPERATOR_ID, keyspace, LEASE_TTL, LEASE_TTL,
                Duration.ofSeconds(30), PlannerSettings.defaults().withEventSource("operator/" + OPERATOR_ID), expected),
                store);
        ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, Math.min(8, topology.nodes().size())));
        List<CompletableFuture<NodeAgent>> starting = new ArrayList<>();
        List<NodeAgent> agents = new ArrayList<>();
        RuntimeException failure = null;
        try {
            for (Topology.Node node : topology.nodes()) {
                NodeAgent.Settings settings = agentSettings(etcdEndpoint, keyspace, topology, node, dir);
                starting.add(CompletableFuture.supplyAsync(() -> NodeAgent.start(settings, store), starter));
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            starter.shutdown();
        }
        for (CompletableFuture<NodeAgent> future : starting) {
            try {
                agents.add(future.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        LocalCluster cluster = new LocalCluster(operator, agents);
        if (failure != null) {
            cluster.close();
            throw failure;
        }
        return cluster;
    }

    static NodeAgent.Settings agentSettings(String etcdEndpoint, Keyspace keyspace, Topology topology, Topology.Node node,
                                            Path dir) {
        Path nodeDir = dir.resolve("nodes").resolve(node.id());
        NodeInfo info = new NodeInfo(node.id(), node.id(), node.labels(), CAPACITY, null, VersionProvider.version(),
                Instant.now());
        Map<String, String> environment = new HashMap<>(topology.processEnvironment(node, System.getenv()));
        environment.put(ETCD_ENDPOINTS, etcdEndpoint);
        environment.put(PROCESSES_PREFIX, keyspace.processesPrefix());
        SupervisorSettings supervisor = SupervisorSettings.of(node.id(), nodeDir.resolve("log"), nodeDir.resolve("state"))
                .withHere(topology.folder())
                .withHostNodeName(node.id())
                .withAgentEnvironment(environment);
        return new NodeAgent.Settings(info, keyspace, LEASE_TTL, supervisor, Duration.ofSeconds(2), null, false,
                Duration.ofSeconds(30));
    }

    boolean isLeader() {
        return operator.isLeader();
    }

    int agentCount() {
        return agents.size();
    }

    /**
     * Stops the operator first, so that it takes processes stopping for failures to answer (a restart, an
     * application stopped), and that it does not hold the agents leaving as a partition; then every agent at once,
     * each stopping its processes, writing their last states and revoking its lease.
     */
    @Override
    public void close() {
        try {
            operator.close();
        } catch (RuntimeException e) {
            LOG.warn("while stopping the operator: {}", e.toString());
        }
        List<Thread> stopping = new ArrayList<>();
        for (NodeAgent agent : agents) {
            Thread thread = new Thread(() -> {
                try {
                    agent.close();
                } catch (RuntimeException e) {
                    LOG.warn("while stopping agent {}: {}", agent.node().nodeId(), e.toString());
                }
            }, "drover-up-stop-" + agent.node().nodeId());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
