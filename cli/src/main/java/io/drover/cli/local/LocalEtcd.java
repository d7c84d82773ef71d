package io.drover.cli.local;

import io.drover.api.store.EtcdStore;
import io.drover.api.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** An etcd member run as a child process on loopback, its data kept in a folder so a later start finds its state. */
final class LocalEtcd implements AutoCloseable {

    private final Process process;
    private final String endpoint;
    private final Path log;

    private LocalEtcd(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The etcd binary on PATH, if any. */
    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Optional.of(Path.of(dir, "etcd"));
            }
        }
        return Optional.empty();
    }

    /** Starts etcd with its data in {@code dir/etcd} and waits until it answers (at most {@code timeout}). */
    static LocalEtcd start(Path binary, Path dir, Duration timeout) throws IOException, InterruptedException {
        int client = freePort();
        int peer = freePort();
        String endpoint = "http://127.0.0.1:" + client;
        Path log = dir.resolve("etcd.log");
        Process process = new ProcessBuilder(binary.toString(), "--name", "drover-local",
                "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
                "--listen-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-cluster", "drover-local=http://127.0.0.1:" + peer,
                "--log-level", "warn", "--logger", "zap")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LocalEtcd etcd = new LocalEtcd(process, endpoint, log);
        etcd.awaitHealthy(timeout);
        return etcd;
    }

    String endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (EtcdStore store = EtcdStore.connect(List.of(endpoint), Duration.ofMillis(500))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("etcd exited at once (status " + process.exitValue() + "); see " + log);
                }
                try {
                    store.currentRevision();
                    return;
                } catch (StoreException e) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("etcd did not answer within " + timeout.toSeconds() + " s; see " + log);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Stops etcd with SIGTERM (it syncs its data), then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
