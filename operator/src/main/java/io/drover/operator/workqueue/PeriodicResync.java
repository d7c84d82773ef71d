package io.drover.operator.workqueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Adds every key to the queue periodically (a Kubernetes informer's resync): a level-triggered reconciler then
 * repairs anything a lost event or a bug left behind. Adds are deduplicated by the queue, so a resync during a
 * busy period costs little. The first resync comes after a random part of the period, so that several operators
 * started together do not resync in step.
 */
public final class PeriodicResync<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicResync.class);

    private final ScheduledExecutorService timer;

    private PeriodicResync(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Every {@code period}, adds each of {@code keys.get()} to {@code queue}. */
    public static <K> PeriodicResync<K> start(WorkQueue<K> queue, Duration period, Supplier<? extends Collection<K>> keys) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("resync period must be positive, not " + period);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drover-resync-" + queue.name());
            thread.setDaemon(true);
            return thread;
        });
        long periodNanos = period.toNanos();
        long firstDelay = periodNanos / 2 + ThreadLocalRandom.current().nextLong(periodNanos / 2 + 1);
        timer.scheduleAtFixedRate(() -> resync(queue, keys), firstDelay, periodNanos, TimeUnit.NANOSECONDS);
        return new PeriodicResync<>(timer);
    }

    private static <K> void resync(WorkQueue<K> queue, Supplier<? extends Collection<K>> keys) {
        try {
            Collection<K> all = keys.get();
            LOG.debug("resync of queue {}: {} keys", queue.name(), all.size());
            all.forEach(queue::add);
        } catch (RuntimeException e) {
            // a failing resync must not cancel the next ones
            LOG.warn("resync of queue {} failed", queue.name(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
