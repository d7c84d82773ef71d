package io.drover.operator.testing;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node agent played through the real keyspace, for operator tests before (and besides) the real agent: it registers
 * its node under a lease, watches its assignments and answers each with the process transitions its script says,
 * written as the real agent writes them. {@link #powerOff()} stops refreshing the lease without revoking it, as a
 * machine losing power would, so the node's keys vanish only when etcd expires the lease.
 */
public final class SimulatedAgent implements AutoCloseable {

    /** How one program behaves when asked to run. */
    public record Script(Duration startDelay, Outcome outcome, int exitCode) {

        public enum Outcome {
            /** STARTING, then RUNNING after the delay, and stays so */
            RUNS,
            /** STARTING, RUNNING, then EXITED with the exit code (expected when 0) after the delay */
            EXITS,
            /** STARTING, then FATAL after the delay: it never manages to start */
            FAILS,
            /** STARTING forever */
            HANGS
        }

        public static Script runs() {
            return new Script(Duration.ZERO, Outcome.RUNS, 0);
        }

        public static Script runsAfter(Duration delay) {
            return new Script(delay, Outcome.RUNS, 0);
        }

        public static Script exits(int code, Duration after) {
            return new Script(after, Outcome.EXITS, code);
        }

        public static Script fails() {
            return new Script(Duration.ZERO, Outcome.FAILS, 0);
        }

        public static Script hangs() {
            return new Script(Duration.ZERO, Outcome.HANGS, 0);
        }
    }

    private final EtcdStore store;
    private final Keyspace keys;
    private final NodeInfo node;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, ProcessStatus> observed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long leaseId;
    private final CloseableClient keepAlive;
    private final ResilientWatch watch;
    private volatile Script defaultScript = Script.runs();
    private volatile boolean poweredOff;

    private SimulatedAgent(EtcdStore store, Keyspace keys, NodeInfo node, Duration ttl) {
        this.store = store;
        this.keys = keys;
        this.node = node;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulated-agent-" + node.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        this.leaseId = store.grantLease(ttl);
        this.keepAlive = store.client().getLeaseClient().keepAlive(leaseId, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        store.put(keys.node(node.nodeId()), node, leaseId);
        this.watch = ResilientWatch.on(store, keys.assignmentsPrefix(node.nodeId()))
                .name("simulated-" + node.nodeId())
                .start(new Listener());
    }

    /** Starts an agent for node {@code nodeId} with labels, capacity 100 and its own host. */
    public static SimulatedAgent start(EtcdStore store, Keyspace keys, String nodeId, Duration ttl, String... labels) {
        NodeInfo node = new NodeInfo(nodeId, "host-" + nodeId, List.of(labels), NodeInfo.DEFAULT_CAPACITY,
                URI.create("http://127.0.0.1:0"), "simulated", Instant.now());
        return new SimulatedAgent(store, keys, node, ttl);
    }

    /** Starts an agent for {@code node} as given (host, capacity, labels). */
    public static SimulatedAgent start(EtcdStore store, Keyspace keys, NodeInfo node, Duration ttl) {
        return new SimulatedAgent(store, keys, node, ttl);
    }

    public String nodeId() {
        return node.nodeId();
    }

    /** How processes of {@code program} (a process name, as in assignment keys) behave from now on. */
    public SimulatedAgent script(String process, Script script) {
        scripts.put(process, script);
        return this;
    }

    /** How processes without a script of their own behave. */
    public SimulatedAgent defaultScript(Script script) {
        defaultScript = script;
        return this;
    }

    /** The state last published for a process of {@code application}, if any. */
    public Optional<ProcessState> state(String application, String process) {
        return Optional.ofNullable(observed.get(application + "/" + process)).map(ProcessStatus::state);
    }

    /** How many processes this agent shows in a running state now. */
    public long runningCount() {
        return observed.values().stream().filter(s -> ProcessState.RUNNING_STATES.contains(s.state())).count();
    }

    /** A process that was running exits now with {@code exitCode}, as a crash would. */
    public void crash(String application, String process, int exitCode) {
        timer.execute(() -> publish(new ProcessRef(node.nodeId(), application, process), ProcessState.EXITED, exitCode,
                exitCode == 0, 0));
    }

    /** Stops refreshing the lease and answering, without revoking anything: the node is gone after one TTL. */
    public void powerOff() {
        poweredOff = true;
        watch.close();
        keepAlive.close();
        pending.values().forEach(f -> f.cancel(false));
        timer.shutdownNow();
    }

    @Override
    public void close() {
        if (!poweredOff) {
            powerOff();
            store.revokeLease(leaseId);
        }
    }

    private final class Listener implements WatchListener {
        @Override
        public void onSnapshot(List<Versioned<String>> items, long revision) {
            items.forEach(item -> timer.execute(() -> apply(item.key(), item.value(), item.modRevision())));
        }

        @Override
        public void onEvents(List<KeyEvent> events) {
            for (KeyEvent event : events) {
                timer.execute(() -> apply(event.key(), event.isPut() ? event.value() : null, event.modRevision()));
            }
        }
    }

    private void apply(String key, String json, long revision) {
        if (poweredOff) {
            return;
        }
        Optional<ParsedKey> parsed = keys.parse(key);
        if (parsed.isEmpty() || !(parsed.get() instanceof ParsedKey.AssignmentKey assignmentKey)) {
            return;
        }
        ProcessRef ref = assignmentKey.process();
        String id = ref.application() + "/" + ref.process();
        Optional.ofNullable(pending.remove(id)).ifPresent(f -> f.cancel(false));
        if (json == null) {
            observed.remove(id);
            store.delete(keys.process(ref));
            return;
        }
        Assignment assignment = ValueCodec.decode(key, revision, json, Assignment.class);
        ProcessStatus current = observed.get(id);
        if (assignment.desired() == DesiredState.STOPPED) {
            if (current != null && ProcessState.RUNNING_STATES.contains(current.state())) {
                publish(ref, ProcessState.STOPPING, null, false, revision);
            }
            publish(ref, ProcessState.STOPPED, null, false, revision);
            return;
        }
        if (current != null && ProcessState.RUNNING_STATES.contains(current.state())) {
            return;
        }
        Script script = scripts.getOrDefault(ref.process(), defaultScript);
        publish(ref, ProcessState.STARTING, null, false, revision);
        Runnable next = switch (script.outcome()) {
            case RUNS -> () -> publish(ref, ProcessState.RUNNING, null, false, revision);
            case EXITS -> () -> {
                publish(ref, ProcessState.RUNNING, null, false, revision);
                publish(ref, ProcessState.EXITED, script.exitCode(), script.exitCode() == 0, revision);
            };
            case FAILS -> () -> {
                publish(ref, ProcessState.BACKOFF, null, false, revision);
                publish(ref, ProcessState.FATAL, null, false, revision);
            };
            case HANGS -> null;
        };
        if (next != null) {
            pending.put(id, timer.schedule(next, script.startDelay().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void publish(ProcessRef ref, ProcessState state, Integer exitCode, boolean expected, long revision) {
        if (poweredOff) {
            return;
        }
        Instant now = Instant.now();
        ProcessStatus previous = observed.get(ref.application() + "/" + ref.process());
        boolean alive = ProcessState.RUNNING_STATES.contains(state);
        ProcessStatus status = new ProcessStatus(state, alive ? 4242L : null,
                alive && previous != null && previous.startTime() != null ? previous.startTime() : now,
                alive ? null : now, exitCode, expected, state == ProcessState.FATAL ? "simulated start failure" : null,
                revision, now);
        observed.put(ref.application() + "/" + ref.process(), status);
        store.put(keys.process(new ProcessRef(node.nodeId(), ref.application(), ref.process())), status, leaseId);
    }
}
