package io.drover.operator.workqueue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitersTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void backoffDoublesPerRetryOfAKeyUpToItsCap() {
        ExponentialBackoff<String> backoff = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofMillis(100), 0, () -> 0.5);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(backoff.when("web"));
        }
        assertEquals(List.of(MS.multipliedBy(5), MS.multipliedBy(10), MS.multipliedBy(20), MS.multipliedBy(40),
                MS.multipliedBy(80), MS.multipliedBy(100), MS.multipliedBy(100)), waits);
        assertEquals(7, backoff.retries("web"));
        assertEquals(Duration.ofMillis(5), backoff.when("db"), "each key has its own history");
    }

    @Test
    void forgettingAKeyStartsItsBackoffAgain() {
        ExponentialBackoff<String> backoff = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1), 0, () -> 0);
        backoff.when("web");
        backoff.when("web");
        backoff.forget("web");
        assertEquals(0, backoff.retries("web"));
        assertEquals(Duration.ofMillis(5), backoff.when("web"));
    }

    @Test
    void jitterShortensWaitsButTheyStillGrow() {
        double[] draws = {0.99, 0.0, 0.99, 0.0, 0.99, 0.5};
        int[] next = {0};
        ExponentialBackoff<String> backoff = new ExponentialBackoff<>(Duration.ofMillis(10), Duration.ofSeconds(10), 0.4,
                () -> draws[next[0]++]);
        Duration previous = Duration.ZERO;
        for (int retry = 1; retry <= draws.length; retry++) {
            Duration wait = backoff.when("web");
            long nominal = 10L << (retry - 1);
            assertTrue(wait.compareTo(Duration.ofMillis(nominal)) <= 0, "at most the nominal wait: " + wait);
            assertTrue(wait.compareTo(Duration.ofMillis(nominal).multipliedBy(6).dividedBy(10)) >= 0, "at most 40 % off: " + wait);
            assertTrue(wait.compareTo(previous) > 0, "retry " + retry + " waits longer than the one before");
            previous = wait;
        }
    }

    @Test
    void refusesJitterThatCouldMakeAWaitShorterThanThePreviousOne() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialBackoff<>(MS, MS, 0.5, () -> 0));
    }

    @Test
    void tokenBucketLetsABurstThroughThenSpacesRetriesAtItsRate() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        TokenBucket<String> bucket = new TokenBucket<>(2, 3, now::get);
        assertEquals(Duration.ZERO, bucket.when("a"));
        assertEquals(Duration.ZERO, bucket.when("b"));
        assertEquals(Duration.ZERO, bucket.when("c"));
        assertEquals(Duration.ofMillis(500), bucket.when("d"), "the burst is spent: one token every 500 ms");
        assertEquals(Duration.ofMillis(1000), bucket.when("e"), "reservations queue up");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Duration.ofMillis(500), bucket.when("f"), "one second refilled the two tokens d and e took");

        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(Duration.ZERO, bucket.when("g"));
        assertEquals(Duration.ZERO, bucket.when("h"));
        assertEquals(Duration.ZERO, bucket.when("i"));
        assertEquals(Duration.ofMillis(500), bucket.when("j"), "refilling stops at the burst size");
    }

    @Test
    void theCombinedLimiterWaitsForTheSlowerOfBackoffAndBucket() {
        AtomicLong now = new AtomicLong();
        RateLimiter<String> limiter = new MaxOfRateLimiters<>(
                new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(10), 0, () -> 0),
                new TokenBucket<>(1, 1, now::get));
        assertEquals(Duration.ofMillis(5), limiter.when("a"), "backoff, the bucket has a token");
        assertEquals(Duration.ofSeconds(1), limiter.when("b"), "the bucket, empty, is slower than b's first backoff");
        limiter.when("a");
        assertEquals(2, limiter.retries("a"));
        limiter.forget("a");
        assertEquals(0, limiter.retries("a"));
    }
}
