package io.drover.agent;

import io.drover.agent.membership.DuplicateNodeException;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.model.Names;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdOptions;
import io.drover.api.store.EtcdStore;
import io.drover.api.supervisor.LocalHostName;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drover-agent} (also {@code drover agent}): runs the node agent of one node until SIGTERM. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the drover node agent of one node: it runs the processes the operator assigns to the node,"
                + " supervises them as Supervisor does and reports what it observes into etcd.",
                "Every option can also be given as an environment variable (shown in parentheses)."})
public final class AgentCommand implements Callable<Integer> {

    @Mixin
    EtcdOptions etcd;

    @Option(names = "--node-id", required = true, defaultValue = "${env:DROVER_NODE_ID}", paramLabel = "NODE",
            description = "This node's name, as rules and identifiers name it, e.g. server_1 (env DROVER_NODE_ID).")
    String nodeId;

    @Option(names = "--host-id", defaultValue = "${env:DROVER_HOST_ID}", paramLabel = "HOST",
            description = "The machine this node runs on; nodes of one host form one host for SINGLE_NODE and *_NODE"
                    + " strategies (env DROVER_HOST_ID; default: the host name).")
    String hostId;

    @Option(names = "--labels", split = ",", defaultValue = "${env:DROVER_LABELS}", paramLabel = "LABEL",
            description = "Stereotypes of this node that rules may select, comma-separated (env DROVER_LABELS).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--capacity", defaultValue = "${env:DROVER_CAPACITY:-100}", paramLabel = "LOAD",
            description = "Load this node accepts, in the unit of expected_loading (env DROVER_CAPACITY; default ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--lease-ttl", defaultValue = "${env:DROVER_LEASE_TTL:-3s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "Time to live of the node's etcd lease: how long after this agent stops answering its node"
                    + " is declared lost (env DROVER_LEASE_TTL; default ${DEFAULT-VALUE}; at least 2s).")
    Duration leaseTtl;

    @Option(names = "--state-dir", defaultValue = "${env:DROVER_STATE_DIR:-/var/lib/drover/agent}", paramLabel = "DIR",
            description = "Where the agent remembers its processes, to adopt them after a restart (env DROVER_STATE_DIR;"
                    + " default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--log-dir", defaultValue = "${env:DROVER_LOG_DIR:-/var/log/drover}", paramLabel = "DIR",
            description = "Where process output goes unless a program names its own log files (env DROVER_LOG_DIR;"
                    + " default ${DEFAULT-VALUE}).")
    Path logDir;

    @Option(names = "--here", defaultValue = "${env:DROVER_HERE}", paramLabel = "DIR",
            description = "What %%(here)s means and where relative program directories start (env DROVER_HERE;"
                    + " default: the working directory).")
    Path here;

    @Option(names = "--self-fence-after", defaultValue = "${env:DROVER_SELF_FENCE_AFTER}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "Stop every process after this long without an etcd lease, as the node is then presumed"
                    + " replaced (env DROVER_SELF_FENCE_AFTER; default: never).")
    Duration selfFenceAfter;

    @Option(names = "--keep-processes-on-exit", defaultValue = "${env:DROVER_KEEP_PROCESSES_ON_EXIT:-false}",
            description = "On SIGTERM, leave the processes running for the next agent to adopt (in-place upgrade)"
                    + " (env DROVER_KEEP_PROCESSES_ON_EXIT).")
    boolean keepProcessesOnExit;

    @Option(names = "--stop-timeout", defaultValue = "${env:DROVER_STOP_TIMEOUT:-60s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "How long shutdown waits for processes to stop (env DROVER_STOP_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Option(names = "--stats-period", defaultValue = "${env:DROVER_STATS_PERIOD:-2s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "How often node load is measured; it is written only when it changed enough"
                    + " (env DROVER_STATS_PERIOD; default ${DEFAULT-VALUE}).")
    Duration statsPeriod;

    @Option(names = "--agent-endpoint", defaultValue = "${env:DROVER_AGENT_ENDPOINT}", paramLabel = "URL",
            description = "Where this agent's own API can be reached, as published in its node record"
                    + " (env DROVER_AGENT_ENDPOINT).")
    URI agentEndpoint;

    @Option(names = "--http-address", defaultValue = "${env:DROVER_AGENT_HTTP:-127.0.0.1:0}", paramLabel = "HOST:PORT",
            description = "Where the agent serves its processes' logs to the operator (env DROVER_AGENT_HTTP; default"
                    + " ${DEFAULT-VALUE}, a free port on loopback). Needs --api-token-file.")
    String httpAddress;

    @Option(names = "--api-token-file", defaultValue = "${env:DROVER_AGENT_TOKEN_FILE}", paramLabel = "FILE",
            description = "File holding the bearer token callers of the agent's HTTP endpoint must present"
                    + " (env DROVER_AGENT_TOKEN_FILE); without it the endpoint is off.")
    Path apiTokenFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        NodeAgent.Settings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EtcdStore store = EtcdStore.connect(etcd.connection(), EtcdStore.DEFAULT_TIMEOUT)) {
            NodeAgent agent;
            try {
                agent = NodeAgent.start(settings, store);
            } catch (DuplicateNodeException e) {
                System.err.println("drover agent: " + e.getMessage());
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
            }, "drover-agent-shutdown"));
            stopped.await();
        }
        return 0;
    }

    NodeAgent.Settings settings() {
        Names.problem("node", nodeId).ifPresent(problem -> {
            throw new CommandLine.ParameterException(new CommandLine(this), "--node-id: " + problem);
        });
        if (leaseTtl.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--lease-ttl must be at least 2s (etcd raises shorter leases to 2s), not " + leaseTtl);
        }
        if (capacity <= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--capacity must be positive, not " + capacity);
        }
        String host = hostId == null || hostId.isBlank() ? LocalHostName.get() : hostId;
        NodeInfo node = new NodeInfo(nodeId, host, labels == null ? List.of() : labels, capacity, agentEndpoint,
                io.drover.agent.AgentVersion.get(), Instant.now());
        SupervisorSettings supervisor = SupervisorSettings.of(nodeId, logDir, stateDir)
                .withHere(here == null ? Path.of("").toAbsolutePath() : here.toAbsolutePath());
        return new NodeAgent.Settings(node, etcd.keyspace(), leaseTtl, supervisor, statsPeriod, selfFenceAfter,
                keepProcessesOnExit, stopTimeout, apiTokenFile == null ? null : socketAddress(httpAddress),
                apiTokenFile == null ? null : readToken(apiTokenFile));
    }

    private InetSocketAddress socketAddress(String text) {
        int colon = text.lastIndexOf(':');
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--http-address '" + text + "' is not HOST:PORT; write for example 0.0.0.0:7070");
        }
    }

    private String readToken(Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "cannot read --api-token-file " + file + ": " + e.getMessage());
        }
    }
}
