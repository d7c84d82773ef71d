/**
 * A deduplicating, rate-limited work queue in the manner of client-go's {@code workqueue}, and the workers that
 * drain it.
 *
 * <p>Watches only put keys (application names) into a {@link io.drover.operator.workqueue.WorkQueue}; a worker takes
 * a key, reconciles it from the cached snapshot and reports how it went. The queue guarantees that a key queued many
 * times is processed once, and that a key is never processed by two workers at the same time: re-added while being
 * processed, it is processed again afterwards. Failures are retried after a per-key exponential backoff with jitter,
 * under a global token bucket, so that a failing etcd or a flapping network cannot cause a retry storm.
 */
package io.drover.operator.workqueue;
