package io.drover.operator.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The automatic restarts an application may still have (DESIGN rule 7): at most {@code maxRestarts} within the last
 * {@code restartWindowSecs}, counted on the restart times its status keeps. Past the budget the running failure
 * strategy gives up and leaves the application stopped in failure, instead of looping.
 *
 * @param recent the restarts within the window, oldest first
 */
record RestartBudget(List<Instant> recent, int maxRestarts, Duration window) {

    static RestartBudget of(AppContext context) {
        Duration window = Duration.ofSeconds(context.definition().rules().restartWindowSecs());
        return new RestartBudget(recent(context.status() == null ? List.of() : context.status().recentRestarts(),
                context.now(), window), context.definition().rules().maxRestarts(), window);
    }

    /** The restart times of {@code previous} still within {@code window} of {@code now}. */
    static List<Instant> recent(List<Instant> previous, Instant now, Duration window) {
        Instant since = now.minus(window);
        List<Instant> kept = new ArrayList<>();
        for (Instant restart : previous) {
            if (restart.isAfter(since) && !restart.isAfter(now)) {
                kept.add(restart);
            }
        }
        return kept;
    }

    boolean exhausted() {
        return recent.size() >= maxRestarts;
    }

    String describe() {
        return maxRestarts == 0 ? "automatic restarts are off (maxRestarts 0)"
                : "restart budget exhausted: " + recent.size() + " restart(s) within " + window.toSeconds() + " s (maxRestarts "
                + maxRestarts + ", restartWindowSecs " + window.toSeconds() + ")";
    }
}
