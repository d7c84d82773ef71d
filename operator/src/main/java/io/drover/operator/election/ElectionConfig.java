package io.drover.operator.election;

import io.drover.api.keyspace.Keyspace;

import java.time.Duration;
import java.util.Objects;

/**
 * How one operator replica campaigns.
 *
 * @param keyspace     where the leader key is ({@link Keyspace#leader()})
 * @param operatorId   this replica's unique name, written in the leader key for others to read; it may say where
 *                     the replica serves its API (for example {@code op-1@http://host:8080})
 * @param leaseTtl     TTL of the candidate's lease: how long a dead leader blocks a new election, and how long a
 *                     leader cut off from etcd goes on believing it leads at most. etcd 3.4's minimum is 2 s
 * @param safetyMargin how long before its computed lease expiry a leader steps down anyway, to absorb clock rate
 *                     differences between this host and etcd's, and a slow thread
 */
public record ElectionConfig(Keyspace keyspace, String operatorId, Duration leaseTtl, Duration safetyMargin) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    public ElectionConfig {
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(operatorId, "operatorId");
        if (operatorId.isBlank()) {
            throw new IllegalArgumentException("operatorId is blank");
        }
        if (leaseTtl.compareTo(Duration.ofSeconds(2)) < 0) {
            // etcd 3.4 silently raises shorter TTLs to 2 s: the deadline kept here would then be wrong
            throw new IllegalArgumentException("leader lease TTL must be at least 2 s, not " + leaseTtl);
        }
        if (leaseTtl.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("etcd leases have whole seconds; leader lease TTL " + leaseTtl + " is not");
        }
        if (safetyMargin.isNegative() || safetyMargin.compareTo(leaseTtl.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("safety margin must be between 0 and half the TTL, not " + safetyMargin);
        }
    }

    /** A configuration with a safety margin of a tenth of the TTL (at least 100 ms). */
    public static ElectionConfig of(Keyspace keyspace, String operatorId, Duration leaseTtl) {
        Duration tenth = leaseTtl.dividedBy(10);
        Duration margin = tenth.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : tenth;
        return new ElectionConfig(keyspace, operatorId, leaseTtl, margin);
    }

    /**
     * How often the lease is refreshed: a quarter of the TTL, so that three refreshes in a row can fail (a
     * reconnect, an etcd leader change) before the leader steps down.
     */
    public Duration keepAliveInterval() {
        return leaseTtl.dividedBy(4);
    }
}
