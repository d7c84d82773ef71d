package io.drover.operator.sequencing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a start or a stop may take before it counts as failed (rule 7: nothing waits forever).
 *
 * <p>A start budget covers what Supervisor itself may take to decide: {@code startretries + 1} attempts of up to
 * {@code startsecs} each, with the back-off waits between them (1 s, 2 s, ... before each retry), plus
 * {@code startMargin} for the node agent to see the assignment and report. A wait_exit program must also do its
 * work and exit: {@code waitExitAllowance} more. {@code stageTimeout}, when set, replaces the computed start budget
 * of every process. A stop budget is {@code stopwaitsecs} (after which Supervisor kills) plus {@code stopMargin}.
 */
public record DeadlinePolicy(Duration startMargin, Duration waitExitAllowance, Duration stopMargin, Duration stageTimeout) {

    public DeadlinePolicy {
        Objects.requireNonNull(startMargin, "startMargin");
        Objects.requireNonNull(waitExitAllowance, "waitExitAllowance");
        Objects.requireNonNull(stopMargin, "stopMargin");
    }

    public static DeadlinePolicy defaults() {
        return new DeadlinePolicy(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(15), null);
    }

    public DeadlinePolicy withStageTimeout(Duration timeout) {
        return new DeadlinePolicy(startMargin, waitExitAllowance, stopMargin, timeout);
    }

    public Duration startBudget(int startSecs, int startRetries, boolean waitExit) {
        if (stageTimeout != null) {
            return stageTimeout;
        }
        long retries = Math.max(0, startRetries);
        long attempts = (long) Math.max(0, startSecs) * (retries + 1);
        long backoffs = retries * (retries + 1) / 2;
        Duration budget = Duration.ofSeconds(attempts + backoffs).plus(startMargin);
        return waitExit ? budget.plus(waitExitAllowance) : budget;
    }

    public Duration stopBudget(int stopWaitSecs) {
        return Duration.ofSeconds(Math.max(0, stopWaitSecs)).plus(stopMargin);
    }
}
