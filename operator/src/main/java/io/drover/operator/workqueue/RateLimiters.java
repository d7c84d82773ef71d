package io.drover.operator.workqueue;

import java.time.Duration;

/** Ready-made rate limiters. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * client-go's default controller limiter, with a lower cap: per key 5 ms doubling up to 60 s (with 20 % jitter),
     * and at most 10 retries per second with bursts of 100 over all keys. The cap is one minute rather than
     * client-go's 1000 s so that applications retried during a long etcd outage converge soon after it ends.
     */
    public static <K> RateLimiter<K> controllerDefault() {
        return new MaxOfRateLimiters<>(
                new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(60)),
                new TokenBucket<>(10, 100));
    }
}
