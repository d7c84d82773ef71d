package io.drover.agent.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's lease, remembered in its state directory so that the next agent of the node takes it over: restarted
 * in place (an upgrade, a crash) within the lease TTL, the node never disappears from etcd and the operator sees no
 * node loss — nothing is moved or started twice.
 */
public final class LeaseHandover implements LeaseBound {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHandover.class);
    private static final String FILE = "agent-lease";

    private final Path file;

    public LeaseHandover(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE);
    }

    /** The lease a previous agent of this node left, or 0. */
    public long previous() {
        try {
            if (!Files.isRegularFile(file)) {
                return 0;
            }
            return Long.parseUnsignedLong(Files.readString(file, StandardCharsets.US_ASCII).trim(), 16);
        } catch (IOException | NumberFormatException e) {
            LOG.warn("{} cannot be read ({}); a new lease is granted", file, e.getMessage());
            return 0;
        }
    }

    @Override
    public void republish(long leaseId) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(FILE + ".tmp");
        Files.writeString(partial, Long.toHexString(leaseId) + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void leaseLost(long leaseId) {
        forget();
    }

    /** Nothing to hand over: the lease was revoked or lost. */
    public void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} cannot be deleted: {}", file, e.getMessage());
        }
    }
}
