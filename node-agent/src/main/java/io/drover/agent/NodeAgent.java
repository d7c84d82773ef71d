package io.drover.agent;

import io.drover.agent.assignments.AssignmentExecutor;
import io.drover.agent.http.LogServer;
import io.drover.agent.assignments.ObservedPublisher;
import io.drover.agent.membership.LeaseHandover;
import io.drover.agent.membership.NodeClaim;
import io.drover.agent.membership.NodeRegistration;
import io.drover.agent.membership.SelfFence;
import io.drover.agent.process.LocalSupervisor;
import io.drover.agent.process.ProcessSnapshot;
import io.drover.agent.process.RecoveryReport;
import io.drover.agent.process.ShutdownMode;
import io.drover.agent.process.SupervisorSettings;
import io.drover.agent.reporting.LeasedWriter;
import io.drover.agent.reporting.LoadSampler;
import io.drover.agent.reporting.NodeStatsReporter;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.LeaseKeeper;
import io.drover.api.store.ResilientWatch;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node agent: claims its node id, adopts what a previous agent left running, registers under its lease,
 * carries out its assignments and publishes what it observes. {@link #close} stops it as SIGTERM should.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    /** How the agent is set up; see {@link AgentCommand} for what each setting means. */
    public record Settings(NodeInfo node, Keyspace keyspace, Duration leaseTtl, SupervisorSettings supervisor,
                           Duration statsPeriod, Duration selfFenceAfter, boolean keepProcessesOnExit,
                           Duration stopTimeout, InetSocketAddress httpAddress, String apiToken) {

        /** Settings without the agent's HTTP endpoint. */
        public Settings(NodeInfo node, Keyspace keyspace, Duration leaseTtl, SupervisorSettings supervisor,
                        Duration statsPeriod, Duration selfFenceAfter, boolean keepProcessesOnExit, Duration stopTimeout) {
            this(node, keyspace, leaseTtl, supervisor, statsPeriod, selfFenceAfter, keepProcessesOnExit, stopTimeout,
                    null, null);
        }
    }

    private final Settings settings;
    private final EtcdStore store;
    private final LocalSupervisor supervisor;
    private final LeasedWriter writer;
    private final ObservedPublisher publisher;
    private final LeaseKeeper leaseKeeper;
    private final ResilientWatch assignments;
    private final AssignmentExecutor executor;
    private final NodeStatsReporter stats;
    private final SelfFence fence;
    private final LogServer logServer;
    private final LeaseHandover handover;
    private final NodeInfo node;
    private final RecoveryReport recovery;
    private volatile boolean closed;

    private NodeAgent(Settings settings, EtcdStore store) {
        this.settings = settings;
        this.store = store;
        String nodeId = settings.node().nodeId();
        this.handover = new LeaseHandover(settings.supervisor().stateDirectory());
        long previousLease = handover.previous();
        new NodeClaim(store, settings.keyspace()).await(nodeId, previousLease);
        this.writer = new LeasedWriter(store, nodeId);
        this.publisher = new ObservedPublisher(settings.keyspace(), nodeId, writer, Clock.systemUTC());
        this.supervisor = new LocalSupervisor(settings.supervisor(), publisher);
        this.recovery = supervisor.recover();
        this.logServer = settings.httpAddress() == null ? null
                : LogServer.start(supervisor, settings.httpAddress(), settings.apiToken());
        this.node = withEndpoint(settings.node(), logServer, settings.httpAddress());
        NodeRegistration registration = new NodeRegistration(store, settings.keyspace(), node);
        registration.bind(writer);
        registration.bind(handover);
        this.fence = settings.selfFenceAfter() == null ? null : new SelfFence(settings.selfFenceAfter(), this::stopEverything);
        if (fence != null) {
            registration.bind(fence);
        }
        this.leaseKeeper = LeaseKeeper.start(store, settings.leaseTtl(), nodeId, registration, previousLease);
        this.executor = new AssignmentExecutor(settings.keyspace(), nodeId, supervisor, publisher);
        this.assignments = ResilientWatch.on(store, settings.keyspace().assignmentsPrefix(nodeId))
                .name("assignments-" + nodeId)
                .start(executor);
        this.stats = new NodeStatsReporter(new LoadSampler(Clock.systemUTC()), writer,
                settings.keyspace().nodeStats(nodeId), publisher::pids, settings.statsPeriod());
    }

    /** Starts an agent over {@code store}; throws {@link io.drover.agent.membership.DuplicateNodeException} when
     *  another live agent already runs as this node. */
    public static NodeAgent start(Settings settings, EtcdStore store) {
        NodeAgent agent = new NodeAgent(settings, store);
        LOG.info("node agent {} started on host {} ({} process(es) adopted, {} found gone)",
                settings.node().nodeId(), settings.node().hostId(), agent.recovery.adopted().size(),
                agent.recovery.gone().size());
        return agent;
    }

    /** The node as registered, with the endpoint its HTTP server really listens on. */
    public NodeInfo node() {
        return node;
    }

    /**
     * The node with the address its HTTP server can be reached at: the address it is bound to, or, bound to every
     * address, this machine's name (not the host id, which users may choose freely and need not resolve).
     */
    private static NodeInfo withEndpoint(NodeInfo node, LogServer server, InetSocketAddress bound) {
        if (server == null || node.agentEndpoint() != null) {
            return node;
        }
        String host = bound.getAddress() == null || bound.getAddress().isAnyLocalAddress()
                ? io.drover.api.supervisor.LocalHostName.get() : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        URI endpoint = URI.create("http://" + host + ":" + server.port());
        return new NodeInfo(node.nodeId(), node.hostId(), node.labels(), node.capacity(), endpoint, node.version(),
                node.startTime());
    }

    public LocalSupervisor supervisor() {
        return supervisor;
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    /** Whether every observed change has reached etcd. */
    public boolean published() {
        return writer.drained();
    }

    /** How many etcd transactions the agent's writer committed. */
    public long writes() {
        return writer.writes();
    }

    private void stopEverything() {
        for (ProcessSnapshot process : supervisor.snapshots()) {
            supervisor.stop(process.key());
        }
    }

    /**
     * Stops the agent: no more assignments are taken, processes are stopped in reverse priority order (or left
     * running for the next agent to adopt), the observed keys are written, then the lease is revoked so the node's
     * keys disappear at once — or, when the processes are left running, kept alive for the next agent to take over.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the watch first, so that no assignment starts anything during shutdown
        closeQuietly(assignments);
        closeQuietly(executor);
        closeQuietly(stats);
        if (fence != null) {
            closeQuietly(fence);
        }
        supervisor.shutdown(settings.keepProcessesOnExit() ? ShutdownMode.LEAVE_RUNNING : ShutdownMode.STOP_ALL,
                settings.stopTimeout());
        // the last states (STOPPED...) reach etcd before the lease and its keys go
        writer.awaitDrained(Duration.ofSeconds(2));
        writer.close();
        if (settings.keepProcessesOnExit()) {
            // the next agent takes the lease over: the node and its processes stay registered meanwhile
            leaseKeeper.closeLeavingLease();
        } else {
            closeQuietly(leaseKeeper);
            handover.forget();
        }
        if (logServer != null) {
            closeQuietly(logServer);
        }
        LOG.info("node agent {} stopped{}", settings.node().nodeId(),
                settings.keepProcessesOnExit() ? "; its processes keep running for the next agent to adopt" : "");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("while stopping the agent: {}", e.toString());
        }
    }
}
