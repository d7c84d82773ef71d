package io.drover.cli.up;

import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.store.EtcdStore;
import io.drover.api.supervisor.SupervisorImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A whole drover on this machine, as {@code drover up} runs it: etcd as a child process, then the operator and one
 * agent per node in this JVM, then the example applied. {@link #close} stops the operator, the agents (and so their
 * processes) and etcd, in that order; it may be called from a shutdown hook while the rest still runs.
 */
final class LocalUp implements AutoCloseable {

    static final String PID_FILE = "up.pid";
    static final Duration ETCD_HEALTHY_WITHIN = Duration.ofSeconds(20);
    static final Duration CLUSTER_READY_WITHIN = Duration.ofSeconds(30);

    /**
     * @param dir      working folder: etcd data, node state and logs
     * @param topology the example and its nodes
     * @param out      where progress is told
     * @param launched {@link System#nanoTime()} of the launch, from which the times told are counted
     */
    record Options(Path dir, Topology topology, PrintWriter out, long launched) {
    }

    private final Options options;
    private final Path dir;
    private final Path pidFile;
    private final Keyspace keyspace = Keyspace.defaultKeyspace();
    private final LoadedInputs inputs;
    private final Expectations expectations;
    private volatile LocalEtcd etcd;
    private volatile EtcdStore store;
    private volatile LocalCluster cluster;
    private boolean closed;
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();

    private LocalUp(Options options, LoadedInputs inputs) {
        this.options = options;
        this.dir = options.dir().toAbsolutePath().normalize();
        this.pidFile = dir.resolve(PID_FILE);
        this.inputs = inputs;
        this.expectations = Expectations.of(inputs);
    }

    /**
     * Reads and checks the example's files, before anything is started or written: invalid input costs nothing and
     * changes nothing ({@link io.drover.api.diagnostics.InvalidInputException} with every problem found).
     */
    static LocalUp create(Options options) {
        LoadedInputs inputs = load(options.topology());
        options.out().printf("read %s in %s (since launch): %d rule set(s), %d application(s), %d node(s)%n",
                options.topology().name(), since(options.launched()), inputs.ruleSets().size(),
                inputs.expandedApplications().size(), options.topology().nodes().size());
        return new LocalUp(options, inputs);
    }

    /**
     * Starts etcd ({@code etcdBinary}), the operator and the agents, and applies the example; on failure whatever was started is stopped
     * before the exception goes on. Meant to be called once, after a shutdown hook that calls {@link #close} has been
     * registered.
     */
    void start(Path etcdBinary) throws IOException, InterruptedException {
        PrintWriter out = options.out();
        Topology topology = options.topology();
        Files.createDirectories(dir);
        claimFolder();
        try {
            LocalEtcd.stopLeftover(dir).ifPresent(pid -> out.println("stopped etcd pid " + pid
                    + ", left running in " + dir + " by a drover up that did not stop cleanly"));
            long etcdStarted = System.nanoTime();
            synchronized (this) {
                if (closed) {
                    return;
                }
                etcd = LocalEtcd.start(etcdBinary, dir, ETCD_HEALTHY_WITHIN);
                store = EtcdStore.connect(List.of(etcd.endpoint()));
            }
            out.printf("etcd %s ready in %s (pid %d; data in %s, log %s)%n", etcd.endpoint(), since(etcdStarted),
                    etcd.pid(), dir.resolve(LocalEtcd.DATA), etcd.log());
            int kept = view().applications().size();
            if (kept > 0) {
                // the etcd data of an earlier up: its applications and rules stay, the example's files update them
                out.printf("kept the state of an earlier drover up in %s: %d application(s)%n", dir, kept);
            }
            out.flush();
            long agentsStarted = System.nanoTime();
            LocalCluster started = LocalCluster.start(store, etcd.endpoint(), keyspace, topology, dir);
            synchronized (this) {
                if (closed) {
                    started.close();
                    return;
                }
                cluster = started;
            }
            awaitCluster();
            out.printf("operator and %d agent(s) ready in %s (%s); node folders in %s%n", cluster.agentCount(),
                    since(agentsStarted), String.join(", ", topology.nodes().stream().map(Topology.Node::id).toList()),
                    dir.resolve("nodes"));
            out.printf("cluster ready in %s since launch%n", since(options.launched()));
            apply();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Refuses a folder where another drover up runs; then writes this JVM's pid there. */
    private void claimFolder() throws IOException {
        Optional<ProcessHandle> running = PidFile.liveDrover(pidFile);
        long self = ProcessHandle.current().pid();
        if (running.isPresent() || PidFile.read(pidFile).filter(p -> p == self).isPresent()) {
            throw new IllegalStateException("drover up already runs in " + dir + " (pid "
                    + running.map(ProcessHandle::pid).orElse(self) + "); stop it with 'drover down --dir " + options.dir()
                    + "' or give another --dir");
        }
        PidFile.write(pidFile, self);
    }

    /** Reads and checks the example's files with its node mapping; throws with every problem found. */
    static LoadedInputs load(Topology topology) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(topology.env());
        List<String> files = topology.files().stream().map(Path::toString).toList();
        return new InputLoader(environment, topology.nodeConfigs(), new ByteArrayInputStream(new byte[0]),
                new SupervisorImporter()).load(files);
    }

    private void awaitCluster() throws InterruptedException {
        long deadline = System.nanoTime() + CLUSTER_READY_WITHIN.toNanos();
        Set<String> expected = new TreeSet<>(options.topology().nodes().stream().map(Topology.Node::id).toList());
        while (true) {
            ClusterView view = view();
            if (cluster.isLeader() && view.nodes().containsAll(expected)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                Set<String> missing = new TreeSet<>(expected);
                view.nodes().forEach(missing::remove);
                throw new IllegalStateException("the local cluster was not ready within " + CLUSTER_READY_WITHIN.toSeconds()
                        + " s (" + (cluster.isLeader() ? "" : "no operator leads; ") + (missing.isEmpty() ? ""
                        : "nodes not registered: " + String.join(", ", missing)) + "); read "
                        + dir.resolve(UpLogging.LOG_FILE) + " to see why");
            }
            Thread.sleep(20);
        }
    }

    /** Writes the rule sets, then the applications (an application set written out as its applications). */
    private void apply() {
        PrintWriter out = options.out();
        for (Sourced<RuleSet> ruleSet : inputs.ruleSets()) {
            store.put(keyspace.ruleSet(ruleSet.value().name()), ruleSet.value());
        }
        Set<String> names = new TreeSet<>();
        for (Sourced<Application> application : inputs.expandedApplications()) {
            store.put(keyspace.application(application.value().name()), application.value());
            names.add(application.value().name());
        }
        out.printf("applied %s: %d rule set(s), %d application(s); %s start by themselves%n", options.topology().name(),
                inputs.ruleSets().size(), names.size(), expectations.automatic().isEmpty() ? "none"
                        : String.join(", ", new TreeSet<>(expectations.automatic())));
        Set<String> others = new TreeSet<>(view().applications().keySet());
        others.removeAll(names);
        if (!others.isEmpty()) {
            out.println("note: " + dir + " also holds " + String.join(", ", others) + " from an earlier drover up;"
                    + " remove the folder to start afresh");
        }
        out.flush();
    }

    /** Waits until every application that starts by itself is RUNNING or has failed, at most {@code timeout}. */
    Expectations.Progress awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Expectations.Progress progress = progress(view());
            if (progress.settled() || System.nanoTime() - deadline > 0) {
                return progress;
            }
            Thread.sleep(100);
        }
    }

    /** Where the automatic start stands in {@code view}; notes when each application is first seen RUNNING. */
    Expectations.Progress progress(ClusterView view) {
        Expectations.Progress progress = expectations.progress(view);
        long now = System.nanoTime();
        progress.running().forEach(name -> runningAt.putIfAbsent(name, now));
        return progress;
    }

    /** "app 12.3 s, ..." : when each application that starts by itself was first seen RUNNING, since launch. */
    String runningTimes() {
        return runningAt.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(e -> e.getKey() + " " + seconds(e.getValue() - options.launched()))
                .collect(Collectors.joining(", "));
    }

    ClusterView view() {
        return ClusterView.read(store, keyspace);
    }

    EtcdStore store() {
        return store;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    Expectations expectations() {
        return expectations;
    }

    String etcdEndpoint() {
        return etcd == null ? null : etcd.endpoint();
    }

    long etcdPid() {
        return etcd == null ? -1 : etcd.pid();
    }

    Path dir() {
        return dir;
    }

    static String since(long nanoTime) {
        return seconds(System.nanoTime() - nanoTime);
    }

    static String seconds(long nanos) {
        long millis = nanos / 1_000_000;
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    long launched() {
        return options.launched();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the operator, then the agents (and their processes), then etcd, and removes the pid file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cluster != null) {
            cluster.close();
        }
        if (store != null) {
            store.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        try {
            if (PidFile.read(pidFile).filter(p -> p == ProcessHandle.current().pid()).isPresent()) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // a stale pid file is recognised as such by down and by the next up
        }
    }
}
