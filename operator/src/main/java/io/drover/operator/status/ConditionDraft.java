package io.drover.operator.status;

import io.drover.api.state.ConditionStatus;
import java.util.Objects;

/** A condition as a plan computes it, before its transition time is settled against the previous status. */
public record ConditionDraft(String type, ConditionStatus status, String reason, String message) {

    public ConditionDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }
}
