package io.drover.cli.local;

import io.drover.agent.NodeAgent;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator and one agent per node of a {@link Topology}, all in this JVM over one etcd: what {@code drover up}
 * runs. Agents are distinct nodes with distinct hosts, state and log folders, as on separate machines.
 */
final class LocalCluster implements AutoCloseable {

    static final Duration LEASE_TTL = Duration.ofSeconds(3);

    private final EtcdStore store;
    private final Keyspace keyspace;
    private final OperatorNode operator;
    private final List<NodeAgent> agents = new ArrayList<>();

    private LocalCluster(EtcdStore store, Keyspace keyspace, Topology topology, Path dir) {
        this.store = store;
        this.keyspace = keyspace;
        this.operator = OperatorNode.start(new OperatorNode.Settings("local-operator", keyspace, LEASE_TTL, LEASE_TTL,
                Duration.ofSeconds(30), PlannerSettings.defaults().withEventSource("operator/local"),
                topology.nodes().stream().map(Topology.Node::id).collect(Collectors.toSet())), store);
        Map<String, String> environment = new HashMap<>(System.getenv());
        // the example's stand-ins (bin/) come first, so that commands such as 'zenity' find drover's version
        environment.put("PATH", topology.folder().resolve("bin").toAbsolutePath() + ":" + environment.getOrDefault("PATH", ""));
        for (Topology.Node node : topology.nodes()) {
            Path nodeDir = dir.resolve("nodes").resolve(node.id());
            NodeInfo info = new NodeInfo(node.id(), node.id(), node.labels() == null ? List.of() : node.labels(),
                    NodeInfo.DEFAULT_CAPACITY, null, "local", Instant.now());
            SupervisorSettings supervisor = SupervisorSettings.of(node.id(), nodeDir.resolve("log"), nodeDir.resolve("state"))
                    .withHere(topology.folder().toAbsolutePath())
                    // each node plays a machine of its own: %(host_node_name)s is its id, as in the import
                    .withHostNodeName(node.id())
                    .withAgentEnvironment(environment);
            agents.add(NodeAgent.start(new NodeAgent.Settings(info, keyspace, LEASE_TTL, supervisor, Duration.ofSeconds(2),
                    null, false, Duration.ofSeconds(30)), store));
        }
    }

    static LocalCluster start(EtcdStore store, Keyspace keyspace, Topology topology, Path dir) {
        return new LocalCluster(store, keyspace, topology, dir);
    }

    /** Whether the operator leads and every agent is registered. */
    boolean ready() {
        return operator.isLeader() && agents.stream().allMatch(a -> store.getRaw(keyspace.node(a.node().nodeId())).isPresent());
    }

    /** Reads the example's files with its node mapping and writes rule sets, then applications, into etcd. */
    static LoadedInputs apply(EtcdStore store, Keyspace keyspace, Topology topology) {
        List<String> files = topology.files().stream().map(Path::toString).toList();
        LoadedInputs inputs = new InputLoader(System.getenv(), topology.nodeConfigs(),
                new ByteArrayInputStream(new byte[0]), new SupervisorImporter()).load(files);
        for (Sourced<RuleSet> ruleSet : inputs.ruleSets()) {
            store.put(keyspace.ruleSet(ruleSet.value().name()), ruleSet.value());
        }
        for (Sourced<Application> application : inputs.expandedApplications()) {
            store.put(keyspace.application(application.value().name()), application.value());
        }
        return inputs;
    }

    /** Stops the agents (and so their processes), then the operator. */
    @Override
    public void close() {
        for (int i = agents.size() - 1; i >= 0; i--) {
            agents.get(i).close();
        }
        operator.close();
    }
}
