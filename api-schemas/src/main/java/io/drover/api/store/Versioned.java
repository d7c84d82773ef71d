package io.drover.api.store;

import java.util.Objects;

/**
 * A value read from etcd with the revisions that version it.
 *
 * @param key            the full key
 * @param value          the decoded value
 * @param modRevision    revision of the last change of this key; what compare-and-set compares
 * @param createRevision revision at which the key was created; for the leader key it is the fencing epoch
 * @param version        how many times the key was written since it was created (1 after creation)
 * @param leaseId        lease the key is bound to, 0 when none
 */
public record Versioned<T>(String key, T value, long modRevision, long createRevision, long version, long leaseId) {

    public Versioned {
        Objects.requireNonNull(key, "key");
    }

    /** The same key and revisions with another value, e.g. the decoded form of a raw value. */
    public <U> Versioned<U> withValue(U newValue) {
        return new Versioned<>(key, newValue, modRevision, createRevision, version, leaseId);
    }
}
