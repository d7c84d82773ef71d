package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Per-key exponential backoff: the n-th consecutive retry of a key waits {@code base * 2^(n-1)}, capped at
 * {@code max}, shortened by a random fraction of at most {@code jitter}. The jitter keeps keys that failed together
 * (all applications during an etcd outage) from being retried together.
 */
public final class ExponentialBackoff<K> implements RateLimiter<K> {

    private final Duration base;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;
    private final Map<K, Integer> retries = new ConcurrentHashMap<>();

    /**
     * @param jitter fraction in [0, 0.5) of each wait that may be taken off at random; below one half, a wait
     *               is always longer than the one before, until the cap
     * @param random source of numbers in [0, 1); tests pass a fixed one
     */
    public ExponentialBackoff(Duration base, Duration max, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, not base " + base + ", max " + max);
        }
        if (jitter < 0 || jitter >= 0.5) {
            throw new IllegalArgumentException("jitter must be in [0, 0.5), not " + jitter);
        }
        this.base = base;
        this.max = max;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    public ExponentialBackoff(Duration base, Duration max) {
        this(base, max, 0.2, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Duration when(K key) {
        int n = retries.merge(key, 1, Integer::sum);
        long nominal = nominalNanos(n);
        long jittered = nominal - (long) (nominal * jitter * random.getAsDouble());
        return Duration.ofNanos(Math.max(1, jittered));
    }

    private long nominalNanos(int retry) {
        long cap = max.toNanos();
        long nanos = base.toNanos();
        for (int i = 1; i < retry && nanos < cap; i++) {
            nanos = nanos > cap / 2 ? cap : nanos * 2;
        }
        return Math.min(nanos, cap);
    }

    @Override
    public void forget(K key) {
        retries.remove(key);
    }

    @Override
    public int retries(K key) {
        return retries.getOrDefault(key, 0);
    }
}
