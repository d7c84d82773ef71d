package io.drover.e2e;

import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.LeaderRecord;
import io.drover.api.state.ProcessIntent;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.cli.up.Topology;
import io.drover.testing.etcd.EtcdExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An example of the repository's deploy/examples run as {@code drover up} runs it, but with every node's agent and the
 * operator in an OS process of its own ({@code java -jar drover.jar agent|operator}), so that one node can be powered
 * down alone. Each agent gets what {@code drover up} gives it: its node id as host id (distinct machines), the
 * example's labels, the example folder as {@code %(here)s}, the example's PATH and environment, and the etcd and
 * process keys the stand-in checks read. The example's files are applied the way {@code drover up} applies them.
 * What tests observe they read through {@link #view()}.
 */
final class ExampleCluster implements AutoCloseable {

    /** What {@code drover up} uses: the agents' and the operator's lease. */
    static final String LEASE_TTL = "3s";
    /** Read by the stand-in checks (bin/await_running) of the examples. */
    static final String ETCD_ENDPOINTS = "DROVER_ETCD_ENDPOINTS";
    static final String PROCESSES_PREFIX = "DROVER_PROCESSES_PREFIX";

    private final EtcdExtension etcd;
    private final Path dir;
    private final Topology topology;
    private final DroverCluster view;
    private final Map<String, Process> agents = new LinkedHashMap<>();
    private final Map<String, Process> operators = new LinkedHashMap<>();
    private final List<Process> daemons = new ArrayList<>();

    private ExampleCluster(EtcdExtension etcd, Path dir, Topology topology) {
        this.etcd = etcd;
        this.dir = dir;
        this.topology = topology;
        this.view = new DroverCluster(etcd, dir);
    }

    /** The example deploy/examples/{@code name} of this repository, not started yet. */
    static ExampleCluster of(EtcdExtension etcd, Path dir, String name) {
        return of(etcd, dir, Topology.read(exampleFolder(name)));
    }

    /** An example with other nodes than its topology.yaml says (another configuration of the same files). */
    static ExampleCluster of(EtcdExtension etcd, Path dir, Topology topology) {
        return new ExampleCluster(etcd, dir, topology);
    }

    /** The folder of deploy/examples/{@code name}, found from the working directory up. */
    static Path exampleFolder(String name) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path folder = at.resolve("deploy").resolve("examples").resolve(name);
            if (Files.isRegularFile(folder.resolve(Topology.FILE_NAME))) {
                return folder;
            }
        }
        throw new IllegalStateException("deploy/examples/" + name + " not found above the working directory");
    }

    Topology topology() {
        return topology;
    }

    /** Reads what the cluster holds: processes, statuses, events; dumps etcd on a failed await. */
    DroverCluster view() {
        return view;
    }

    Keyspace keys() {
        return view.keys();
    }

    /** Starts one operator, then every node's agent, each in its own OS process. */
    void start() throws IOException {
        start(1);
    }

    /**
     * Starts {@code operators} operator replicas (one leads, the others stand by), then every node's agent, each in
     * its own OS process.
     */
    void start(int operators) throws IOException {
        String nodes = topology.nodes().stream().map(Topology.Node::id).collect(Collectors.joining(","));
        for (int i = 1; i <= operators; i++) {
            String id = "op-" + i;
            Process operator = spawn(id, Map.of(), "operator", "--id", id, "--lease-ttl", LEASE_TTL,
                    "--node-lease-ttl", LEASE_TTL, "--http-port", "-1", "--expect-nodes", nodes);
            this.operators.put(id, operator);
            daemons.add(operator);
        }
        for (Topology.Node node : topology.nodes()) {
            startAgent(node);
        }
    }

    /**
     * The node's agent again, after a power-down: the node boots, with nothing running. With {@code keepState}, the
     * agent finds the state its predecessor left (a reboot); without, it starts afresh (a replaced machine).
     */
    void restartAgent(String node, boolean keepState) throws IOException {
        if (!keepState) {
            Path state = dir.resolve("nodes").resolve(node).resolve("state");
            Files.move(state, state.resolveSibling("state-before-" + System.nanoTime()));
        }
        startAgent(topology.node(node).orElseThrow());
    }

    /** The id of the operator that leads now, if one does. */
    Optional<String> leader() {
        return view.store().get(keys().leader(), LeaderRecord.class).map(v -> v.value().operatorId());
    }

    /** SIGKILL of the leading operator, as if the machine it runs on lost power; returns its id. */
    String killLeader() throws InterruptedException {
        String leader = leader().orElseThrow(() -> new IllegalStateException("no operator leads"));
        operators.get(leader).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return leader;
    }

    private void startAgent(Topology.Node node) throws IOException {
        Path nodeDir = dir.resolve("nodes").resolve(node.id());
        Map<String, String> environment = new HashMap<>(topology.processEnvironment(node, System.getenv()));
        environment.put(ETCD_ENDPOINTS, String.join(",", etcd.endpoints()));
        environment.put(PROCESSES_PREFIX, keys().processesPrefix());
        List<String> args = new ArrayList<>(List.of("agent", "--node-id", node.id(), "--host-id", node.id(),
                "--lease-ttl", LEASE_TTL, "--state-dir", nodeDir.resolve("state").toString(),
                "--log-dir", nodeDir.resolve("log").toString(), "--here", topology.folder().toString()));
        if (!node.labels().isEmpty()) {
            args.addAll(List.of("--labels", String.join(",", node.labels())));
        }
        Process agent = spawn(node.id(), environment, args.toArray(String[]::new));
        agents.put(node.id(), agent);
        daemons.add(agent);
    }

    private Process spawn(String name, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-jar", DroverProcess.jar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys().prefix()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Whether every node of the example is registered and an operator leads. */
    boolean ready() {
        Set<String> registered = view.store().listRaw(keys().nodesPrefix()).items().stream()
                .map(item -> item.key().substring(keys().nodesPrefix().length())).collect(Collectors.toSet());
        return registered.containsAll(topology.nodes().stream().map(Topology.Node::id).toList())
                && view.store().getRaw(keys().leader()).isPresent();
    }

    /** Reads the example's files with its node mapping, as {@code drover up} does. */
    LoadedInputs inputs() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(topology.env());
        List<String> files = topology.files().stream().map(Path::toString).toList();
        return new InputLoader(environment, topology.nodeConfigs(), new ByteArrayInputStream(new byte[0]),
                new SupervisorImporter()).load(files);
    }

    /** Writes the rule sets, then the applications, as {@code drover up} applies an example. */
    LoadedInputs apply() {
        LoadedInputs inputs = inputs();
        for (Sourced<RuleSet> ruleSet : inputs.ruleSets()) {
            view.store().put(keys().ruleSet(ruleSet.value().name()), ruleSet.value());
        }
        for (Sourced<Application> application : inputs.expandedApplications()) {
            view.store().put(keys().application(application.value().name()), application.value());
        }
        return inputs;
    }

    /** A user's command, written as the REST API writes it: a START on {@code node} is a LOCAL start there. */
    void request(String application, IntentAction action, String node) {
        Intent intent = Intent.of(action, node == null ? null : "LOCAL", node, "e2e-" + UUID.randomUUID(),
                Instant.now());
        view.store().put(keys().intent(application), intent);
    }

    /** A user's command about one process, as Supvisors' start_process or stop_process. */
    void requestProcess(String application, String process, IntentAction action, String node) {
        ProcessIntent request = new ProcessIntent(action, node == null ? null : "LOCAL", node,
                "e2e-" + UUID.randomUUID(), Instant.now());
        view.store().put(keys().intent(application), Intent.processesOnly(process, request));
    }

    /**
     * A node powers down: its agent and everything it runs (its processes, each the leader of its own process group,
     * and their children) are killed with SIGKILL, agent first, so that nothing of the node reports the processes'
     * end.
     */
    void powerDown(String node) throws InterruptedException {
        Process agent = agents.get(node);
        List<ProcessHandle> everything = agent.descendants().toList();
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        everything.forEach(ProcessHandle::destroyForcibly);
    }

    /** A program crashes: SIGKILL to its process group (the program and the children it started). */
    static void crash(long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", "--", "-" + pid).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        DroverCluster.kill(pid);
    }

    /** The processes {@code node}'s agent runs now whose command line contains {@code text}. */
    List<ProcessHandle> running(String node, String text) {
        Process agent = agents.get(node);
        if (agent == null || !agent.isAlive()) {
            return List.of();
        }
        return agent.children().filter(p -> p.info().commandLine().orElse("").contains(text)).toList();
    }

    /**
     * Stops the daemons (SIGTERM: the operator first, then the agents, which stop their processes), then kills
     * whatever a daemon may have left, and keeps the logs under target/e2e-logs/{@code test}.
     */
    void close(String test) throws Exception {
        close();
        DroverProcess.keepLogs(dir, test);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> left = new ArrayList<>();
        for (Process daemon : daemons) {
            left.addAll(daemon.descendants().toList());
        }
        for (Process daemon : daemons) {
            if (daemon.isAlive()) {
                daemon.destroy();
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        daemons.clear();
        // a program that outlived its agent (an agent killed, a stop that timed out) must not outlive the test
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
