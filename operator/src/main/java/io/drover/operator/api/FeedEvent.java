package io.drover.operator.api;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event of the change feed.
 *
 * @param id    the etcd revision of the change (shared by the changes of one transaction)
 * @param event application, process, node, event, or reset
 * @param data  one line of JSON
 */
record FeedEvent(long id, String event, String data) {

    static final String RESET = "reset";

    FeedEvent {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's data must be one line");
        }
    }

    /** The event as written on the wire. */
    byte[] wire() {
        return ("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
