package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A global token bucket over every key: up to {@code burst} retries at once, then {@code perSecond} retries per
 * second. Each {@link #when} reserves the next token and returns how long until it is available, so that a burst of
 * failures (every application failing while etcd is down) is spread out instead of hammering etcd.
 */
public final class TokenBucket<K> implements RateLimiter<K> {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    /** @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime}); tests pass a manual one */
    public TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("token bucket needs a positive rate and burst, not " + perSecond + "/s, " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    public TokenBucket(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    @Override
    public synchronized Duration when(K key) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        // a negative balance is a queue of reservations: the k-th in line waits k tokens' worth of time
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }

    @Override
    public void forget(K key) {
        // the bucket is global: a key's success does not give tokens back
    }

    @Override
    public int retries(K key) {
        return 0;
    }
}
