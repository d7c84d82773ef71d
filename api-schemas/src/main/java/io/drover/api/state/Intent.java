package io.drover.api.state;

import io.drover.api.model.Names;

import java.time.Instant;
import java.util.Objects;

/**
 * What a user last asked for an application ({@code v1/intents/<app>}): a desired state, not a command; the
 * reconciler drives toward it idempotently.
 *
 * @param desired     RUNNING or STOPPED
 * @param strategy    starting strategy name (as Supvisors' StartingStrategies), null for the application's default
 * @param targetNode  node to start on for the LOCAL strategy, null otherwise
 * @param requestId   id of the user request, echoed in assignments and events so a command can be traced
 * @param requestedAt when the user asked
 */
public record Intent(DesiredState desired, String strategy, String targetNode, String requestId, Instant requestedAt) {

    public Intent {
        Objects.requireNonNull(desired, "desired");
        if (targetNode != null) {
            Names.require("target node", targetNode);
        }
    }
}
