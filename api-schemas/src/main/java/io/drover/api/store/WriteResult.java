package io.drover.api.store;

import java.util.Optional;

/**
 * Outcome of a conditional write.
 *
 * @param outcome  whether it was written and, if not, which condition failed
 * @param revision store revision after the transaction (the key's new mod_revision when written)
 * @param current  the key as it is now, when the write was refused and the key exists (empty for writes that do
 *                 not read the key back, such as deletes)
 */
public record WriteResult<T>(Outcome outcome, long revision, Optional<Versioned<T>> current) {

    public enum Outcome {
        /** The write was applied. */
        WRITTEN,
        /** The key was not as expected: it exists (create) or changed since it was read (compare-and-set). */
        KEY_CHANGED,
        /** The key was as expected but an extra guard failed, e.g. the writer is no longer the leader. */
        GUARD_FAILED
    }

    public boolean written() {
        return outcome == Outcome.WRITTEN;
    }
}
