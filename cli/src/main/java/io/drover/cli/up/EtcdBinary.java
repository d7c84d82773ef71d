package io.drover.cli.up;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the etcd server and its client {@code etcdctl} (the examples' check programs read process states with it),
 * and installs Debian's {@code etcd-server} and {@code etcd-client} when one is missing and we may (root on Debian).
 */
final class EtcdBinary {

    static final String INSTALL_HINT = "sudo apt-get install -y etcd-server etcd-client";
    private static final Path DEBIAN_LOCATION = Path.of("/usr/bin/etcd");
    private static final Path DEBIAN_CLIENT_LOCATION = Path.of("/usr/bin/etcdctl");

    private EtcdBinary() {
    }

    /** {@code etcd} on {@code path} (a PATH value), or where Debian puts it. */
    static Optional<Path> find(String path) {
        return onPath(path, "etcd").or(() -> Optional.of(DEBIAN_LOCATION).filter(Files::isExecutable));
    }

    static Optional<Path> onPath(String path, String name) {
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isRegularFile)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@code etcdctl} on {@code path}, or where Debian puts it. */
    static Optional<Path> findClient(String path) {
        return onPath(path, "etcdctl").or(() -> Optional.of(DEBIAN_CLIENT_LOCATION).filter(Files::isExecutable));
    }

    /** What to tell a user without etcd or etcdctl. */
    static String missingMessage() {
        return "etcd is not installed: install it with '" + INSTALL_HINT + "' (Debian/Ubuntu) or put the etcd and etcdctl"
                + " binaries of etcd 3.4+ on your PATH, then run drover up again";
    }

    /** Whether this process may install packages itself: root, on Debian or Ubuntu, with apt-get. */
    static boolean mayInstall(long uid, boolean debian, boolean aptGet) {
        return uid == 0 && debian && aptGet;
    }

    /**
     * etcd, installed first (with etcdctl) when etcd or etcdctl is missing and {@link #mayInstall}; empty when one is
     * missing and cannot be installed.
     */
    static Optional<Path> ensure(PrintWriter out) throws IOException, InterruptedException {
        String path = System.getenv("PATH");
        Optional<Path> found = find(path);
        if (found.isPresent() && findClient(path).isPresent()) {
            return found;
        }
        Optional<Path> aptGet = onPath(path, "apt-get");
        if (!mayInstall(uid(), Files.exists(Path.of("/etc/debian_version")), aptGet.isPresent())) {
            return Optional.empty();
        }
        out.println("etcd is not installed: installing Debian's etcd-server and etcd-client as root (apt-get update;"
                + " apt-get install -y etcd-server etcd-client)...");
        out.flush();
        run(aptGet.get().toString(), "update");
        run(aptGet.get().toString(), "install", "-y", "etcd-server", "etcd-client");
        found = find(path);
        if (found.isEmpty() || findClient(path).isEmpty()) {
            throw new IllegalStateException("etcd-server and etcd-client were installed but etcd or etcdctl is not on the"
                    + " PATH; install etcd by hand and run drover up again");
        }
        out.println("etcd installed: " + found.get());
        return found;
    }

    private static long uid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed (status " + status
                    + "); install etcd with '" + INSTALL_HINT + "' and run drover up again");
        }
    }
}
