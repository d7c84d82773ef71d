package io.drover.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds etcd, and installs Debian's etcd-server when it is missing and this runs as root on Debian or Ubuntu. */
final class EtcdInstaller {

    private EtcdInstaller() {
    }

    static Optional<Path> ensure(PrintWriter out) throws IOException, InterruptedException {
        Optional<Path> found = LocalEtcd.binary();
        if (found.isPresent() || !canInstall()) {
            return found;
        }
        out.println("etcd not found: installing Debian's etcd-server (apt-get install -y etcd-server)");
        out.flush();
        run("apt-get", "update");
        run("apt-get", "install", "-y", "etcd-server");
        return LocalEtcd.binary();
    }

    private static boolean canInstall() {
        return "root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/etc/debian_version"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + status
                    + "; install etcd-server by hand and run drover up again");
        }
    }
}
