package io.drover.testing.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One etcd process on loopback, with its own ports, data directory and log file, which survive restarts. */
final class LocalEtcdMember {

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDir;
    private final Path logFile;
    private Process process;

    LocalEtcdMember(String name, int clientPort, int peerPort, Path baseDir) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = baseDir.resolve(name + ".etcd");
        this.logFile = baseDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    int clientPort() {
        return clientPort;
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    synchronized void launch(Path binary, String initialCluster, String token, EtcdTiming timing) {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl(),
                "--advertise-client-urls", clientUrl(),
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster,
                // ignored by etcd when the data directory already holds a member: a restart rejoins as before
                "--initial-cluster-state", "new",
                "--initial-cluster-token", token,
                "--heartbeat-interval", Integer.toString(timing.heartbeatMillis()),
                "--election-timeout", Integer.toString(timing.electionMillis()),
                "--logger", "zap",
                "--log-level", "warn"));
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd member " + name + " (" + String.join(" ", command) + ")", e);
        }
        ProcessReaper.register(process);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("etcd member " + name + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL, then wait until the process is gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(process, 10);
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped after a few seconds. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, 5)) {
                process.destroyForcibly();
                awaitExit(process, 10);
            }
        }
        if (process != null) {
            ProcessReaper.forget(process);
        }
    }

    /** The end of the member's log, to explain why it did not start. */
    String logTail() {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean awaitExit(Process process, int seconds) {
        try {
            boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
            if (exited) {
                ProcessReaper.forget(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
