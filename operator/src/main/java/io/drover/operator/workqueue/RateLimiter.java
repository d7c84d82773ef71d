package io.drover.operator.workqueue;

import java.time.Duration;

/**
 * Decides how long a key waits before it is retried. {@link #when} counts one more retry of the key;
 * {@link #forget} clears its history once it is processed successfully. Implementations are thread-safe.
 */
public interface RateLimiter<K> {

    /** Records one more retry of {@code key} and returns how long it should wait before that retry. */
    Duration when(K key);

    /** Clears {@code key}'s retry history: its next failure starts again from the shortest wait. */
    void forget(K key);

    /** How many retries of {@code key} were counted since it was last forgotten. */
    int retries(K key);
}
