package io.drover.api.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void doublesFromMinToMaxWithJitterBetweenHalfAndAll() {
        for (int failures = 1; failures <= 40; failures++) {
            long nominal = Math.min(5000, 100L << Math.min(failures - 1, 20));
            for (int sample = 0; sample < 50; sample++) {
                long delay = backoff.delay(failures).toMillis();
                int f = failures;
                assertTrue(delay >= nominal / 2 && delay <= nominal,
                        () -> "failure " + f + ": " + delay + " ms is outside [" + nominal / 2 + ", " + nominal + "]");
            }
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
