package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.Objects;

/** How processing a key went, which decides when it is processed again. */
public sealed interface WorkResult {

    /** Converged (for now): the key's retry history is cleared; only a new event or the resync brings it back. */
    record Done() implements WorkResult {
    }

    /**
     * Converged, but something is due at a known time (a start-stage deadline, a grace period ending): processed
     * again after {@code delay}, or earlier if an event comes. The retry history is cleared.
     */
    record RequeueAfter(Duration delay) implements WorkResult {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Could not converge (etcd refused or failed a write): retried after the key's backoff. */
    record Retry(String reason) implements WorkResult {
    }

    static WorkResult done() {
        return new Done();
    }

    static WorkResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    static WorkResult retry(String reason) {
        return new Retry(reason);
    }
}
