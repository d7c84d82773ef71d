package io.drover.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A human-readable event ({@code v1/events/<time>-<id>}), under a short-lived lease so that events expire on their
 * own: why a process was placed, restarted or refused.
 *
 * @param time    when it happened
 * @param source  who reports it, e.g. "operator/op-1" or "node-agent/node-3"
 * @param type    NORMAL or WARNING
 * @param object  what it is about, e.g. "application/web" or "process/web/api_00"
 * @param reason  a CamelCase word a program can match on, e.g. "Placed", "StartFailed"
 * @param message the explanation for a human
 */
public record EventRecord(Instant time, String source, EventType type, String object, String reason, String message) {

    public EventRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
    }
}
