package io.drover.api.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Operational status of an application ({@code v1/status/applications/<app>}), written by the leader operator in
 * fenced transactions.
 *
 * @param state              application state derived from its processes
 * @param majorFailure       a required process failed (Supvisors' major failure)
 * @param minorFailure       an optional process of the start sequence failed (Supvisors' minor failure)
 * @param placement          node each process is placed on, keyed by process name
 * @param conditions         observations explaining the state
 * @param observedGeneration resourceVersion (mod_revision) of the application spec this status was computed from
 */
public record ApplicationStatus(ApplicationState state, boolean majorFailure, boolean minorFailure,
                                Map<String, String> placement, List<Condition> conditions, long observedGeneration) {

    public ApplicationStatus {
        Objects.requireNonNull(state, "state");
        placement = placement == null ? Map.of() : Map.copyOf(placement);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
