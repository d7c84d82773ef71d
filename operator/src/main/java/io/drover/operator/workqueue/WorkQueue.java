package io.drover.operator.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A deduplicating, rate-limited queue of keys, as client-go's {@code RateLimitingInterface}.
 *
 * <ul>
 * <li>A key added while it is already queued is queued once.</li>
 * <li>A key is handed to one taker at a time: added again while being processed (between {@link #take} and
 * {@link #done}), it is queued again only when {@link #done} is called, so it is processed again afterwards and
 * never concurrently.</li>
 * <li>{@link #addAfter} queues a key after a delay (a start-stage deadline, a requested requeue); a key waits at
 * most once, for the earliest of its delays.</li>
 * <li>{@link #addRateLimited} queues a key after the wait its {@link RateLimiter} decides (per-key exponential
 * backoff and global token bucket by default); {@link #forget} clears the key's history after a success.</li>
 * <li>{@link #shutDown} stops accepting keys; takers still get the keys already queued, then {@link #take}
 * returns empty. {@link #shutDownNow} also drops the queued keys.</li>
 * </ul>
 * Keys must have value semantics (equals and hashCode); application names are.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final String name;
    private final RateLimiter<K> rateLimiter;
    private final DelayedAdds<K> delayed;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Keys ready to be taken, in order. Each is also in {@link #dirty}. */
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need processing: queued, or re-added while being processed. */
    private final Set<K> dirty = new HashSet<>();
    /** Keys taken and not yet done. */
    private final Set<K> processing = new HashSet<>();
    private boolean shuttingDown;

    public WorkQueue(String name, RateLimiter<K> rateLimiter) {
        this.name = Objects.requireNonNull(name, "name");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.delayed = new DelayedAdds<>(name, this::add);
    }

    /** A queue with {@link RateLimiters#controllerDefault()}. */
    public WorkQueue(String name) {
        this(name, RateLimiters.controllerDefault());
    }

    public String name() {
        return name;
    }

    /** Queues {@code key} unless it is already queued; ignored once the queue is shutting down. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after {@code delay}, or at once when the delay is not positive. */
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        if (isShuttingDown()) {
            return;
        }
        if (delay.isNegative() || delay.isZero()) {
            add(key);
        } else {
            delayed.addAfter(key, delay);
        }
    }

    /** Queues {@code key} after the wait its rate limiter decides for one more retry. */
    public void addRateLimited(K key) {
        addAfter(key, rateLimiter.when(key));
    }

    /** Clears {@code key}'s retry history; call it once the key was processed successfully. */
    public void forget(K key) {
        rateLimiter.forget(key);
    }

    /** How many rate-limited retries of {@code key} happened since it was last forgotten. */
    public int retries(K key) {
        return rateLimiter.retries(key);
    }

    /**
     * The next key to process, waiting for one; empty once the queue is shut down and has no key left. The caller
     * must call {@link #done} with the key when it has finished with it.
     */
    public Optional<K> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                changed.await();
            }
            return Optional.ofNullable(next());
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #take}, waiting at most {@code timeout}; empty when nothing came. */
    public Optional<K> poll(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown && left > 0) {
                left = changed.awaitNanos(left);
            }
            return Optional.ofNullable(next());
        } finally {
            lock.unlock();
        }
    }

    private K next() {
        K key = queue.pollFirst();
        if (key != null) {
            processing.add(key);
            dirty.remove(key);
        }
        return key;
    }

    /** Marks {@code key} as processed; if it was added meanwhile, it is queued again now. */
    public void done(K key) {
        lock.lock();
        try {
            if (!processing.remove(key)) {
                throw new IllegalStateException("done(" + key + ") on queue " + name + ", but the key was not being processed");
            }
            if (dirty.contains(key)) {
                queue.addLast(key);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready to be taken (not counting those being processed or waiting for a delay). */
    public int length() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting for a delay ({@link #addAfter}, {@link #addRateLimited}) to pass. */
    public int waiting() {
        return delayed.size();
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting keys and drops those waiting for a delay; the keys already queued are still handed out, then
     * {@link #take} returns empty. Use {@link #awaitDrained} to wait for the last ones to be done.
     */
    public void shutDown() {
        delayed.shutdown();
        lock.lock();
        try {
            shuttingDown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #shutDown}, but also drops the queued keys: only the keys being processed are finished. */
    public void shutDownNow() {
        delayed.shutdown();
        lock.lock();
        try {
            shuttingDown = true;
            queue.clear();
            dirty.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing is queued or being processed; returns false if that did not happen within {@code timeout}. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!(queue.isEmpty() && processing.isEmpty())) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #shutDownNow()}. */
    @Override
    public void close() {
        shutDownNow();
    }

    @Override
    public String toString() {
        return "WorkQueue[" + name + "]";
    }
}
