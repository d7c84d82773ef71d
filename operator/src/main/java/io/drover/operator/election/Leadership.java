package io.drover.operator.election;

import io.drover.api.store.Guards;
import io.etcd.jetcd.op.Cmp;

import java.time.Duration;
import java.time.Instant;

/**
 * One term of leadership of this replica.
 *
 * @param epoch          the fencing epoch: create_revision of the leader key this replica created
 * @param leaderKey      the leader key
 * @param electedAt      when this replica became leader (wall clock, for humans)
 * @param electedAtNanos the same instant on {@link System#nanoTime()}, to measure how long it has led
 */
public record Leadership(long epoch, String leaderKey, Instant electedAt, long electedAtNanos) {

    /** The condition to add to every write of this term: it fails once another election has taken place. */
    public Cmp guard() {
        return Guards.leaderEpoch(leaderKey, epoch);
    }

    /** How long this replica has led. */
    public Duration heldFor() {
        return Duration.ofNanos(System.nanoTime() - electedAtNanos);
    }

    /**
     * Whether this replica has led for at least {@code period}. A new leader waits one lease period before declaring
     * nodes lost (DESIGN rule 9): node keys that vanished during the failover may be agents whose keep-alives were
     * refused by a struggling etcd, not dead nodes.
     */
    public boolean heldForAtLeast(Duration period) {
        return System.nanoTime() - electedAtNanos - period.toNanos() >= 0;
    }
}
