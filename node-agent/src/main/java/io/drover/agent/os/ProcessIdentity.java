package io.drover.agent.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named so that a recycled pid can never be mistaken for it: its pid, its start time in clock ticks since
 * boot and the boot it belongs to. Comparing Instants instead would depend on the wall clock and on rounding; the
 * tick count read from {@code /proc} is exactly the same number every time it is read.
 */
public record ProcessIdentity(long pid, long startTicks, String bootId) {

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static volatile String cachedBootId;

    /** The identity of the live process {@code pid}, or empty when it no longer runs. */
    public static Optional<ProcessIdentity> of(long pid) {
        return ProcStat.read(pid).filter(stat -> !stat.isGone())
                .map(stat -> new ProcessIdentity(pid, stat.startTicks(), currentBootId()));
    }

    /** Whether this very process (not merely a process with the same pid) is still running. */
    public boolean isAlive() {
        if (!bootId.equals(currentBootId())) {
            return false;
        }
        return ProcStat.read(pid).filter(stat -> !stat.isGone() && stat.startTicks() == startTicks).isPresent();
    }

    /** The kernel's random id of the current boot; after a reboot no pid of the previous boot exists. */
    public static String currentBootId() {
        String id = cachedBootId;
        if (id == null) {
            try {
                id = Files.readString(BOOT_ID).strip();
            } catch (IOException e) {
                id = "unknown";
            }
            cachedBootId = id;
        }
        return id;
    }
}
