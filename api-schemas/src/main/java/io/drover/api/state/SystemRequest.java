package io.drover.api.state;

import io.drover.api.model.Names;
import java.time.Instant;
import java.util.Objects;

/**
 * A request about every managed application at once ({@code v1/system/request}), written by the leader when a
 * process whose running failure strategy is SHUTDOWN or RESTART crashes. It acts on the applications, never on etcd
 * or the agents; an application's own request made after it takes precedence.
 *
 * @param cause what called for it, e.g. "radar:bus crashed on server_1 (SHUTDOWN)"
 */
public record SystemRequest(SystemAction action, String requestId, Instant requestedAt, String cause) {

    public SystemRequest {
        Objects.requireNonNull(action, "action");
        Names.require("request id", requestId);
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
