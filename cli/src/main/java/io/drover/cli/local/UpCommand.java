package io.drover.cli.local;

import io.drover.api.input.LoadedInputs;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.store.EtcdStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover up}: a whole drover on this machine — etcd as a child process, the operator and one agent per node of
 * an example — with the example applied and its status shown live. Ctrl-C (or {@code drover down}) stops it all.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs drover on this machine: a local etcd, the operator and one agent per node of an example,"
                + " applies the example and shows its status live. Ctrl-C or 'drover down' stops everything."})
public final class UpCommand implements Callable<Integer> {

    static final String PID_FILE = "up.pid";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".drover", paramLabel = "DIR",
            description = "Working folder: etcd data, node state and logs (default ${DEFAULT-VALUE}; reused by a later up).")
    Path dir;

    @Option(names = "--example", defaultValue = "scenario-2", paramLabel = "NAME|DIR",
            description = "An example of deploy/examples (scenario-2) or a folder holding a topology.yaml"
                    + " (default ${DEFAULT-VALUE}).")
    String example;

    @Option(names = "--no-watch", description = "Return once the example is applied and running, leaving nothing"
            + " behind (for scripts and tests); without it, the status is shown until Ctrl-C.")
    boolean noWatch;

    @Option(names = "--ready-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "With --no-watch: how long to wait for every application to be RUNNING (default ${DEFAULT-VALUE}).")
    int readyTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long launched = System.nanoTime();
        Topology topology = Topology.read(exampleFolder());
        Optional<Path> etcdBinary = EtcdInstaller.ensure(out);
        if (etcdBinary.isEmpty()) {
            err.println("drover up: etcd is not installed; install it with 'sudo apt-get install -y etcd-server'"
                    + " (Debian/Ubuntu) or put the etcd binary on PATH, then run drover up again");
            return 1;
        }
        Files.createDirectories(dir);
        Path pidFile = dir.resolve(PID_FILE);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        LocalEtcd etcd = LocalEtcd.start(etcdBinary.get(), dir, Duration.ofSeconds(20));
        EtcdStore store = EtcdStore.connect(List.of(etcd.endpoint()));
        Keyspace keyspace = Keyspace.defaultKeyspace();
        LocalCluster cluster = LocalCluster.start(store, keyspace, topology, dir);
        Thread shutdown = new Thread(() -> {
            cluster.close();
            store.close();
            etcd.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // nothing left to do about it
            }
            stopped.countDown();
        }, "drover-up-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.printf("etcd %s (pid %d, data in %s); %d node(s): %s%n", etcd.endpoint(), etcd.pid(), dir.resolve("etcd"),
                topology.nodes().size(), String.join(", ", topology.nodes().stream().map(Topology.Node::id).toList()));
        awaitReady(cluster, Duration.ofSeconds(30));
        out.printf("ready in %d ms%n", (System.nanoTime() - launched) / 1_000_000);
        LoadedInputs applied = LocalCluster.apply(store, keyspace, topology);
        out.printf("applied %s: %d rule set(s), %d application(s)%n", topology.folder().getFileName(),
                applied.ruleSets().size(), applied.expandedApplications().size());
        out.flush();
        if (noWatch) {
            boolean running = awaitAutoStarted(store, keyspace, Duration.ofSeconds(readyTimeout));
            out.print(StatusTable.render(store, keyspace));
            out.flush();
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
            return running ? 0 : 1;
        }
        String last = "";
        while (stopped.getCount() > 0) {
            String table = StatusTable.render(store, keyspace);
            if (!table.equals(last)) {
                out.println();
                out.print(table);
                out.flush();
                last = table;
            }
            stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        return 0;
    }

    private Path exampleFolder() {
        Path given = Path.of(example);
        if (Files.isDirectory(given)) {
            return given.toAbsolutePath().normalize();
        }
        // a name: look for deploy/examples/<name> from here upwards, as in a clone of the repository
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("deploy").resolve("examples").resolve(example);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no example '" + example + "': give a folder holding a topology.yaml, or the"
                + " name of one under deploy/examples (run drover up from the repository)");
    }

    private static void awaitReady(LocalCluster cluster, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the operator and agents were not ready within " + timeout.toSeconds()
                        + " s; see the log above");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until every application that starts by itself is RUNNING; returns whether that happened in time. */
    private static boolean awaitAutoStarted(EtcdStore store, Keyspace keyspace, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<io.drover.api.state.ApplicationStatus> statuses = store.list(keyspace.applicationStatusesPrefix(),
                    io.drover.api.state.ApplicationStatus.class).items().stream().map(v -> v.value()).toList();
            boolean starting = statuses.isEmpty() || statuses.stream()
                    .anyMatch(s -> s.state() == io.drover.api.state.ApplicationState.STARTING);
            boolean running = statuses.stream().anyMatch(s -> s.state() == io.drover.api.state.ApplicationState.RUNNING);
            if (!starting && running) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
