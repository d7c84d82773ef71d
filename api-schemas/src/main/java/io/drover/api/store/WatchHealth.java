package io.drover.api.store;

import java.time.Instant;

/**
 * How a {@link ResilientWatch} is doing, for health checks and dashboards.
 *
 * @param lastDeliveredRevision last revision handed to the listener (snapshot or events); 0 before the first
 * @param lastSubscribedAt      when etcd last confirmed a (re)subscription; null before the first
 * @param subscribed            whether a subscription is live now
 * @param consecutiveFailures   failed attempts since the last success; grows while etcd is unreachable
 * @param lastError             the last failure, for a human; null when there was none
 */
public record WatchHealth(long lastDeliveredRevision, Instant lastSubscribedAt, boolean subscribed,
                          int consecutiveFailures, String lastError) {
}
