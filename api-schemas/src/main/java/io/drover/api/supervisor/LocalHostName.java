package io.drover.api.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name of this machine as Python's {@code platform.node()} gives it to supervisord for
 * {@code %(host_node_name)s}: the kernel's node name, without any DNS lookup when it can be avoided.
 */
public final class LocalHostName {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private LocalHostName() {
    }

    public static String get() {
        try {
            if (Files.isReadable(KERNEL_HOSTNAME)) {
                String name = Files.readString(KERNEL_HOSTNAME).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // fall through to the network name
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
