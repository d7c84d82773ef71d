package io.drover.api.state;

import io.drover.api.model.Names;
import java.time.Instant;
import java.util.Objects;

/**
 * What a user last asked for one process of an application (Supvisors' {@code start_process}, {@code stop_process},
 * {@code restart_process}), kept in its application's {@link Intent}.
 *
 * @param action      START, STOP or RESTART
 * @param strategy    starting strategy name for START and RESTART, null for the application's
 * @param targetNode  node to start on for the LOCAL strategy, null otherwise
 * @param requestId   id of the user request, echoed in the process's assignment and in events
 * @param requestedAt when the user asked
 */
public record ProcessIntent(IntentAction action, String strategy, String targetNode, String requestId, Instant requestedAt) {

    public ProcessIntent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        if (targetNode != null) {
            Names.require("target node", targetNode);
        }
    }

    public DesiredState desired() {
        return action.desired();
    }
}
