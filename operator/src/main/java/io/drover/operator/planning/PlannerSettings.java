package io.drover.operator.planning;

import io.drover.api.model.ConciliationStrategy;
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
 * @param conciliation   how duplicates are resolved in applications whose rules do not say (Supvisors'
 *                       {@code conciliation_strategy}, USER by default)
 */
public record PlannerSettings(DeadlinePolicy deadlines, boolean capHosts, String eventSource, RestartBackoff restartBackoff,
                              ConciliationStrategy conciliation) {

    public PlannerSettings {
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(restartBackoff, "restartBackoff");
        Objects.requireNonNull(conciliation, "conciliation");
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(DeadlinePolicy.defaults(), false, "operator", RestartBackoff.defaults(),
                ConciliationStrategy.USER);
    }

    public PlannerSettings withDeadlines(DeadlinePolicy value) {
        return new PlannerSettings(value, capHosts, eventSource, restartBackoff, conciliation);
    }

    public PlannerSettings withCapHosts(boolean value) {
        return new PlannerSettings(deadlines, value, eventSource, restartBackoff, conciliation);
    }

    public PlannerSettings withEventSource(String value) {
        return new PlannerSettings(deadlines, capHosts, value, restartBackoff, conciliation);
    }

    public PlannerSettings withConciliation(ConciliationStrategy value) {
        return new PlannerSettings(deadlines, capHosts, eventSource, restartBackoff, value);
    }

    public PlannerSettings withRestartBackoff(RestartBackoff value) {
        return new PlannerSettings(deadlines, capHosts, eventSource, value, conciliation);
    }
}
