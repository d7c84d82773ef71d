package io.drover.cli.up;

import io.drover.api.store.EtcdStore;
import io.drover.api.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One etcd member run as a child of this JVM on free loopback ports, its data in {@code DIR/etcd} (so a later
 * {@code drover up} finds the same state) and its output in {@code DIR/etcd.log}. It runs detached from the terminal
 * (setsid), so that Ctrl-C in the terminal reaches the JVM alone and etcd is stopped last, after everything that
 * writes to it.
 */
final class LocalEtcd implements AutoCloseable {

    static final String DATA = "etcd";
    static final String LOG = "etcd.log";
    static final String PID = "etcd.pid";
    static final String ENDPOINT = "etcd.endpoint";
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final String endpoint;
    private final Path dir;

    private LocalEtcd(Process process, String endpoint, Path dir) {
        this.process = process;
        this.endpoint = endpoint;
        this.dir = dir;
    }

    /**
     * Starts etcd and waits until it answers a read, at most {@code healthyWithin}; a port taken between choosing and
     * binding it is retried with other ports.
     */
    static LocalEtcd start(Path binary, Path dir, Duration healthyWithin) throws InterruptedException {
        stopLeftover(dir);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            List<Integer> ports = freePorts(2);
            LocalEtcd etcd = launch(binary, dir, ports.get(0), ports.get(1));
            try {
                etcd.awaitHealthy(healthyWithin);
                etcd.writeFile(ENDPOINT, etcd.endpoint);
                return etcd;
            } catch (IllegalStateException e) {
                etcd.close();
                last = e;
                if (!logTail(dir).contains("address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private static LocalEtcd launch(Path binary, Path dir, int clientPort, int peerPort) {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>();
        // detached from the terminal (setsid execs in place: the pid is etcd's): Ctrl-C must not stop etcd before the
        // agents
        EtcdBinary.onPath(System.getenv("PATH"), "setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(binary.toString(),
                "--name", "drover-local",
                "--data-dir", dir.resolve(DATA).toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                // ignored when the data directory already holds the member: a later up reuses it on other ports
                "--initial-cluster", "drover-local=" + peer, "--initial-cluster-state", "new",
                "--initial-cluster-token", "drover-local",
                // one member elects itself: short raft timings make it ready in a few hundred milliseconds
                "--heartbeat-interval", "10", "--election-timeout", "100",
                "--logger", "zap", "--log-level", "warn"));
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile())).start();
            LocalEtcd etcd = new LocalEtcd(process, client, dir);
            etcd.writeFile(PID, Long.toString(process.pid()));
            return etcd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    String endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return dir.resolve(LOG);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        // a client made before the port is open backs off for longer than etcd takes to start: wait for the port first
        while (!accepts(port)) {
            checkAlive(deadline, within);
            Thread.sleep(10);
        }
        try (EtcdStore store = EtcdStore.connect(List.of(endpoint), Duration.ofSeconds(1))) {
            while (true) {
                try {
                    store.get("/drover/", String.class);
                    return;
                } catch (StoreException e) {
                    checkAlive(deadline, within);
                    Thread.sleep(20);
                }
            }
        }
    }

    private void checkAlive(long deadline, Duration within) {
        if (!process.isAlive()) {
            throw new IllegalStateException("etcd stopped as soon as it started (status " + process.exitValue()
                    + "); read " + log() + " to see why");
        }
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("etcd did not answer within " + within.toSeconds() + " s; read " + log()
                    + " to see why");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An etcd left running by a drover up that was killed (SIGKILL) holds the data folder's lock: stop it first.
     * Only a process that is etcd on this very data folder is touched.
     */
    static Optional<Long> stopLeftover(Path dir) throws InterruptedException {
        Optional<ProcessHandle> leftover = PidFile.read(dir.resolve(PID)).flatMap(ProcessHandle::of)
                .filter(p -> PidFile.commandLine(p.pid()).map(c -> c.contains("etcd") && c.contains(dir.resolve(DATA)
                        .toString())).orElse(false));
        if (leftover.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle process = leftover.get();
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        }
        return Optional.of(process.pid());
    }

    private void writeFile(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static String logTail(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(LOG), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // held open together so that the kernel cannot hand out the same port twice
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing was bound through it
                }
            }
        }
    }

    /** SIGTERM (etcd syncs its data and exits), SIGKILL after 10 s; the pid and endpoint files go with it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dir.resolve(PID));
            Files.deleteIfExists(dir.resolve(ENDPOINT));
        } catch (IOException e) {
            // a stale file is recognised as such by the next up
        }
    }
}
