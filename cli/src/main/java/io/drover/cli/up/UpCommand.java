package io.drover.cli.up;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover up}: a whole drover on this machine — etcd as a child process, the operator and one agent per node
 * of an example in this JVM — with the example applied and its status shown live until Ctrl-C or
 * {@code drover down}, which stop the operator, the agents (and their processes) and etcd, in that order.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs drover on this machine: a local etcd, the operator and one agent per node of an example,"
                + " applies the example and shows its applications live. Ctrl-C (or 'drover down') stops everything."},
        footer = {"", "Examples:", "  drover up                     # Supvisors' scenario 2 on six nodes",
                "  drover up --example scenario-3 --dir .drover-scenario-3",
                "  drover up --nodes server_1:server,server_2:server,console_1:console",
                "  drover down                   # from another terminal: stops what up started"})
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".drover", paramLabel = "DIR",
            description = "Working folder: etcd data (kept for the next up), node state and logs (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--example", defaultValue = Examples.DEFAULT, paramLabel = "NAME|DIR",
            description = "An example of deploy/examples (scenario-1, scenario-2, scenario-3) or a folder holding a"
                    + " topology.yaml (default ${DEFAULT-VALUE}).")
    String example;

    @Option(names = "--nodes", paramLabel = "ID:LABEL+LABEL,...",
            description = "The nodes to run instead of the example's, e.g. server_1:server,server_2:server,console_1:console;"
                    + " a node the example does not list reads the configuration of its first node with one of its labels.")
    String nodes;

    @Option(names = "--no-watch", description = "Return once the applications that start by themselves run (exit 0)"
            + " or failed (exit 1), stopping everything; without it, the status is shown until Ctrl-C.")
    boolean noWatch;

    @Option(names = "--ready-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long the applications that start by themselves may take to run (default ${DEFAULT-VALUE}).")
    int readyTimeout;

    @Override
    public Integer call() throws Exception {
        long launched = launchTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology topology = topology();
        out.printf("drover up: %s (%s), %d node(s), in %s; logs in %s%n", topology.name(), topology.folder(),
                topology.nodes().size(), dir.toAbsolutePath().normalize(),
                dir.toAbsolutePath().normalize().resolve(UpLogging.LOG_FILE));
        out.flush();
        // the example's files are checked before anything is installed, started or written
        LocalUp up = LocalUp.create(new LocalUp.Options(dir, topology, out, launched));
        Optional<Path> etcdBinary = EtcdBinary.ensure(out);
        if (etcdBinary.isEmpty()) {
            err.println("drover up: " + EtcdBinary.missingMessage());
            return 1;
        }
        Files.createDirectories(dir);
        UpLogging logging = UpLogging.toFile(dir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            signalled.set(true);
            stop(up, logging, out);
            stopped.countDown();
        }, "drover-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean hookDue = true;
        try {
            up.start(etcdBinary.get());
            if (signalled.get()) {
                stopped.await(90, TimeUnit.SECONDS);
                return 130; // stopped by a signal while starting
            }
            if (noWatch) {
                Expectations.Progress progress = up.awaitSettled(Duration.ofSeconds(readyTimeout));
                String ready = readyLine(up, progress);
                out.println(ready);
                out.print(up.view().table());
                out.flush();
                Runtime.getRuntime().removeShutdownHook(hook);
                hookDue = false;
                stop(up, logging, out);
                if (!progress.allRunning()) {
                    err.println("drover up: " + notReady(progress));
                    return 1;
                }
                return 0;
            }
            watch(up, launched, stopped, out);
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            if (signalled.get()) {
                stopped.await(90, TimeUnit.SECONDS);
                return 130; // stopping on a signal: what failed is only the consequence
            }
            throw e;
        } finally {
            if (hookDue && !signalled.get()) {
                // a failure in the main thread: stop everything now rather than when the JVM exits
                boolean removed;
                try {
                    removed = Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    removed = false; // the hook runs already
                }
                if (removed) {
                    stop(up, logging, out);
                }
            }
        }
    }

    private Topology topology() {
        Path folder;
        try {
            folder = Examples.resolve(example);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Topology topology = Topology.read(folder);
        if (nodes == null) {
            return topology;
        }
        try {
            return topology.withNodes(Topology.NodeRequest.parseList(nodes));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The JVM's start when it was started for this command (so that its start-up counts), else now. */
    private static long launchTime() {
        long now = System.nanoTime();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        return uptime < 30_000 ? now - TimeUnit.MILLISECONDS.toNanos(uptime) : now;
    }

    private static void stop(LocalUp up, UpLogging logging, PrintWriter out) {
        if (up.isClosed()) {
            logging.close();
            return;
        }
        long stopping = System.nanoTime();
        out.println();
        out.println("stopping: operator, agents (and their processes), etcd...");
        out.flush();
        up.close();
        logging.close();
        out.println("stopped in " + LocalUp.since(stopping));
        out.flush();
    }

    /** Shows the table every second until the JVM is told to stop. */
    private void watch(LocalUp up, long launched, CountDownLatch stopped, PrintWriter out) throws InterruptedException {
        boolean terminal = System.console() != null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(readyTimeout);
        String readyLine = null;
        String last = "";
        while (stopped.getCount() > 0 && !up.isClosed()) {
            ClusterView view;
            try {
                view = up.view();
            } catch (RuntimeException e) {
                if (up.isClosed()) {
                    break;
                }
                out.println("cannot read the status from etcd: " + e.getMessage() + " (see " + up.dir().resolve(UpLogging.LOG_FILE) + ")");
                out.flush();
                stopped.await(1, TimeUnit.SECONDS);
                continue;
            }
            Expectations.Progress progress = up.progress(view);
            String status;
            if (readyLine == null && (progress.settled() || System.nanoTime() - deadline > 0)) {
                readyLine = progress.settled() ? readyLine(up, progress) : "not ready after " + readyTimeout
                        + " s: " + notReady(progress);
                if (!terminal) {
                    out.println(readyLine);
                }
            }
            status = readyLine != null ? readyLine : "starting for " + LocalUp.since(launched) + ": waiting for "
                    + String.join(", ", progress.pending());
            String header = String.format("drover up · %s · etcd %s · %s · %d node(s): %s%n%s%n",
                    up.dir(), up.etcdEndpoint(), view.leader().map(l -> "operator " + l + " leads").orElse("no leader"),
                    view.nodes().size(), String.join(" ", view.nodes()), status);
            String table = view.table();
            if (terminal) {
                out.print("\033[H\033[2J");
                out.print(header);
                out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                        + " · Ctrl-C or 'drover down" + (dir.equals(Path.of(".drover")) ? "" : " --dir " + dir)
                        + "' stops everything");
                out.println();
                out.print(table);
                out.flush();
            } else if (!table.equals(last)) {
                out.println();
                out.print(table);
                out.flush();
                last = table;
            }
            stopped.await(1, TimeUnit.SECONDS);
        }
        // the shutdown hook stops everything and tells it; wait for it so that its lines come before the JVM exits
        stopped.await(90, TimeUnit.SECONDS);
    }

    static String readyLine(LocalUp up, Expectations.Progress progress) {
        if (!progress.settled()) {
            return "not ready: " + notReady(progress);
        }
        String ready = "ready in " + LocalUp.since(up.launched()) + " since launch"
                + (progress.running().isEmpty() ? "" : "; RUNNING since launch: " + up.runningTimes());
        return progress.failed().isEmpty() ? ready : ready + "; failed to start: " + String.join(", ", progress.failed());
    }

    static String notReady(Expectations.Progress progress) {
        List<String> parts = new ArrayList<>();
        if (!progress.failed().isEmpty()) {
            parts.add(String.join(", ", progress.failed()) + " failed to start");
        }
        if (!progress.pending().isEmpty()) {
            parts.add(String.join(", ", progress.pending()) + " still not RUNNING");
        }
        return String.join("; ", parts) + "; the table shows where each process stands and up.log why";
    }
}
