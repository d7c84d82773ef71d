package io.drover.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation about an application, as in Kubernetes status conditions.
 *
 * @param type           what is observed, e.g. "Placed" or "Operational"
 * @param status         whether it holds
 * @param reason         a CamelCase word a program can match on
 * @param message        the explanation for a human
 * @param lastTransition when {@code status} last changed
 */
public record Condition(String type, ConditionStatus status, String reason, String message, Instant lastTransition) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }
}
