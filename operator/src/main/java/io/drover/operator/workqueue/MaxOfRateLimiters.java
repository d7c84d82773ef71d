package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.List;

/** The longest wait of several limiters, each of which records every retry (client-go's MaxOfRateLimiter). */
public final class MaxOfRateLimiters<K> implements RateLimiter<K> {

    private final List<RateLimiter<K>> limiters;

    @SafeVarargs
    public MaxOfRateLimiters(RateLimiter<K>... limiters) {
        if (limiters.length == 0) {
            throw new IllegalArgumentException("give at least one rate limiter");
        }
        this.limiters = List.of(limiters);
    }

    @Override
    public Duration when(K key) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<K> limiter : limiters) {
            Duration wait = limiter.when(key);
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        return longest;
    }

    @Override
    public void forget(K key) {
        limiters.forEach(limiter -> limiter.forget(key));
    }

    @Override
    public int retries(K key) {
        return limiters.stream().mapToInt(limiter -> limiter.retries(key)).max().orElse(0);
    }
}
