package io.drover.operator.planning;

import io.drover.operator.sequencing.DeadlinePolicy;
import java.util.Objects;

/**
 * The operator's knobs for planning.
 *
 * @param deadlines      start and stop budgets (and an optional fixed stage timeout)
 * @param capHosts       also cap each host (Supvisors' node, a machine) at the capacity its nodes declare, as
 *                       Supvisors caps a machine; off by default: each drover node is capped by its own capacity
 * @param eventSource    the {@code source} of the events the plans emit, e.g. "operator/op-1"
 * @param restartBackoff pacing of automatic application restarts
 */
public record PlannerSettings(DeadlinePolicy deadlines, boolean capHosts, String eventSource, RestartBackoff restartBackoff) {

    public PlannerSettings {
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(restartBackoff, "restartBackoff");
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(DeadlinePolicy.defaults(), false, "operator", RestartBackoff.defaults());
    }

    public PlannerSettings withDeadlines(DeadlinePolicy value) {
        return new PlannerSettings(value, capHosts, eventSource, restartBackoff);
    }

    public PlannerSettings withCapHosts(boolean value) {
        return new PlannerSettings(deadlines, value, eventSource, restartBackoff);
    }

    public PlannerSettings withEventSource(String value) {
        return new PlannerSettings(deadlines, capHosts, value, restartBackoff);
    }

    public PlannerSettings withRestartBackoff(RestartBackoff value) {
        return new PlannerSettings(deadlines, capHosts, eventSource, value);
    }
}
