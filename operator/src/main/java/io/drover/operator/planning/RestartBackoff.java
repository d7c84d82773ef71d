package io.drover.operator.planning;

import java.time.Duration;
import java.util.Objects;

/**
 * How soon an application may be restarted again by its running failure strategy (DESIGN rule 7: restarts are
 * bounded and backed off with jitter). The n-th automatic restart of a run waits {@code initial × 2^(n-1)}, at most
 * {@code max}, plus up to 20 % jitter; a run that has lived {@code resetAfter} without restarting restarts at once.
 * The jitter is derived from the application name and the restart number, so that the same snapshot always gives
 * the same decision.
 */
public record RestartBackoff(Duration initial, Duration max, Duration resetAfter) {

    public RestartBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
    }

    public static RestartBackoff defaults() {
        return new RestartBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /** The wait before restart number {@code generation} (1 for the first), given how long the current run lived. */
    public Duration delay(String application, int generation, Duration runAge) {
        if (generation <= 1 || runAge.compareTo(resetAfter) >= 0) {
            return Duration.ZERO;
        }
        long exponent = Math.min(generation - 1, 20);
        Duration base = initial.multipliedBy(1L << (exponent - 1));
        if (base.compareTo(max) > 0) {
            base = max;
        }
        long jitterPercent = Math.floorMod((application + "#" + generation).hashCode(), 21);
        return base.plus(base.multipliedBy(jitterPercent).dividedBy(100));
    }
}
