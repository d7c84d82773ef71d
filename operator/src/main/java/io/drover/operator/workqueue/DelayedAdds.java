package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keys waiting to be added to a queue later, at most one wait per key: a key asked for twice keeps the earlier
 * time, so a deadline and a backoff for the same application wake it once, at the first of the two.
 */
final class DelayedAdds<K> {

    private record Waiting(long readyAtNanos, ScheduledFuture<?> timer) {
    }

    private final ScheduledThreadPoolExecutor timers;
    private final Consumer<K> add;
    private final Map<K, Waiting> waiting = new HashMap<>();

    DelayedAdds(String name, Consumer<K> add) {
        this.add = add;
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "drover-workqueue-" + name + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.timers.setRemoveOnCancelPolicy(true);
    }

    void addAfter(K key, Duration delay) {
        long readyAt = System.nanoTime() + delay.toNanos();
        synchronized (waiting) {
            Waiting current = waiting.get(key);
            if (current != null && current.readyAtNanos - readyAt <= 0) {
                return;
            }
            if (current != null) {
                current.timer.cancel(false);
            }
            if (timers.isShutdown()) {
                return;
            }
            ScheduledFuture<?> timer = timers.schedule(() -> fire(key, readyAt), delay.toNanos(), TimeUnit.NANOSECONDS);
            waiting.put(key, new Waiting(readyAt, timer));
        }
    }

    private void fire(K key, long readyAt) {
        synchronized (waiting) {
            Waiting current = waiting.get(key);
            if (current == null || current.readyAtNanos != readyAt) {
                return;
            }
            waiting.remove(key);
        }
        add.accept(key);
    }

    int size() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    void shutdown() {
        synchronized (waiting) {
            waiting.values().forEach(w -> w.timer.cancel(false));
            waiting.clear();
            timers.shutdownNow();
        }
    }
}
