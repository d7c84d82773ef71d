package io.drover.api.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits between half and all of
 * {@code min * 2^(n-1)}, capped at {@code max}. The jitter keeps many clients that failed together (an etcd restart)
 * from retrying together.
 *
 * @param min wait after the first failure (before jitter)
 * @param max longest wait
 */
public record Backoff(Duration min, Duration max) {

    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not min " + min + ", max " + max);
        }
    }

    /** How long to wait after {@code failures} consecutive failures (1 for the first). */
    public Duration delay(int failures) {
        long capped = max.toNanos();
        long nominal = min.toNanos();
        for (int i = 1; i < failures && nominal < capped; i++) {
            nominal = nominal > capped / 2 ? capped : nominal * 2;
        }
        long half = nominal / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(nominal - half + 1));
    }
}
