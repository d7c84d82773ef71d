package io.drover.operator.election;

import java.util.Objects;

/**
 * The end of a term of leadership.
 *
 * @param epoch  the epoch of the term that ended
 * @param cause  why it ended
 * @param detail what exactly was seen, for the log
 */
public record Demotion(long epoch, Cause cause, String detail) {

    public enum Cause {
        /** No refresh of the lease was acknowledged before its deadline on this process's clock (etcd unreachable, a long pause). */
        LEASE_EXPIRED,
        /** etcd said the lease no longer exists (it expired or was revoked). */
        LEASE_LOST,
        /** The leader key was deleted. */
        KEY_DELETED,
        /** The leader key was re-created by another election. */
        KEY_REPLACED,
        /** The application reported that a write guarded by this term's epoch was refused. */
        FENCED_WRITE_REJECTED,
        /** The election was closed: this replica resigned. */
        CLOSED
    }

    public Demotion {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
    }
}
