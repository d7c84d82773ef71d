package io.drover.api.store;

import java.util.Optional;

/**
 * An etcd operation that did not complete: the message says which key, which endpoints and what to check, so it can
 * be shown to a human as it is.
 */
public class StoreException extends RuntimeException {

    /** Why the operation failed; callers decide from it whether a retry can help. */
    public enum Reason {
        /** etcd did not answer in time. A write may still be applied later. */
        TIMEOUT,
        /** etcd could not be reached, or has no leader. A write may or may not have been applied. */
        UNAVAILABLE,
        /** etcd answered with an error (lease not found, request too large, ...); retrying the same request will not help. */
        REJECTED,
        /** The stored value is not a valid document of the expected type. */
        UNDECODABLE,
        /** The client was closed. */
        CLOSED,
        /** The calling thread was interrupted while waiting; its interrupt flag is set again. */
        INTERRUPTED
    }

    private final Reason reason;
    private final String key;

    public StoreException(Reason reason, String key, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.key = key;
    }

    public Reason reason() {
        return reason;
    }

    /** The key (or prefix) the operation was about, when there is one. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /**
     * Whether a write that ended with this exception may still have been applied: after a timeout or a lost
     * connection the request may have reached etcd. Read before retrying, or make the write a compare-and-set.
     */
    public boolean outcomeUnknown() {
        return reason == Reason.TIMEOUT || reason == Reason.UNAVAILABLE || reason == Reason.INTERRUPTED;
    }
}
