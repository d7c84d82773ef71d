package io.drover.operator.sequencing;

import java.time.Instant;
import java.util.Objects;

/**
 * The verdict on one process: its progress, why (for humans), and until when an IN_PROGRESS process may take
 * before it counts as failed.
 */
public record StartCheck(StartProgress progress, String reason, Instant deadline) {

    public StartCheck {
        Objects.requireNonNull(progress, "progress");
    }

    public static StartCheck notRequested(String reason) {
        return new StartCheck(StartProgress.NOT_REQUESTED, reason, null);
    }

    public static StartCheck inProgress(String reason, Instant deadline) {
        return new StartCheck(StartProgress.IN_PROGRESS, reason, deadline);
    }

    public static StartCheck done(String reason) {
        return new StartCheck(StartProgress.DONE, reason, null);
    }

    public static StartCheck failed(String reason) {
        return new StartCheck(StartProgress.FAILED, reason, null);
    }
}
