package io.drover.api.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

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
 * @param recentRestarts     when the running failure strategy restarted the application, oldest first, within its
 *                           restart window: what its restart budget is counted on (kept here, like everything a new
 *                           leader must continue from)
 */
public record ApplicationStatus(ApplicationState state, boolean majorFailure, boolean minorFailure,
                                Map<String, String> placement, List<Condition> conditions, long observedGeneration,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Instant> recentRestarts) {

    public ApplicationStatus {
        Objects.requireNonNull(state, "state");
        placement = placement == null ? Map.of() : Map.copyOf(placement);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        recentRestarts = recentRestarts == null ? List.of() : List.copyOf(recentRestarts);
    }

    /** A status without automatic restarts. */
    public ApplicationStatus(ApplicationState state, boolean majorFailure, boolean minorFailure,
                             Map<String, String> placement, List<Condition> conditions, long observedGeneration) {
        this(state, majorFailure, minorFailure, placement, conditions, observedGeneration, List.of());
    }
}
