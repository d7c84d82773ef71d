package io.drover.operator.placement;

/** Where a process (or an application) goes, or why it cannot go anywhere. */
public sealed interface PlacementOutcome {

    /**
     * Placed on {@code nodeId}; {@code reason} explains the choice with the loads that decided it, e.g.
     * "placed app:p on server_2 by LESS_LOADED: load 42/100; server_1 60/100, server_3 84/100".
     */
    record Placed(String nodeId, String reason) implements PlacementOutcome {
    }

    /**
     * Not placed. {@code cause} is short and stable (it goes into the application status, which must not change
     * when unrelated loads move), e.g. "no node can hold load 42"; {@code detail} adds the loads seen.
     */
    record Refused(String cause, String detail) implements PlacementOutcome {
    }

    default boolean placed() {
        return this instanceof Placed;
    }
}
