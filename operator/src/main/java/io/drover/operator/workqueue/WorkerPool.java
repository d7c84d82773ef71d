package io.drover.operator.workqueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code N} threads taking keys from a {@link WorkQueue} and handing them to a {@link KeyWorker}, then applying
 * its {@link WorkResult}: forget on success, requeue after a delay, or retry after the key's backoff. The queue
 * guarantees that one key is never processed by two of these threads at once.
 */
public final class WorkerPool<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final WorkQueue<K> queue;
    private final KeyWorker<K> worker;
    private final List<Thread> threads = new ArrayList<>();

    private WorkerPool(WorkQueue<K> queue, KeyWorker<K> worker) {
        this.queue = queue;
        this.worker = worker;
    }

    /** Starts {@code workers} threads processing {@code queue}'s keys with {@code worker}. */
    public static <K> WorkerPool<K> start(WorkQueue<K> queue, int workers, KeyWorker<K> worker) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(worker, "worker");
        if (workers < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one worker, not " + workers);
        }
        WorkerPool<K> pool = new WorkerPool<>(queue, worker);
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(pool::run, "drover-worker-" + queue.name() + "-" + i);
            thread.setDaemon(true);
            pool.threads.add(thread);
        }
        pool.threads.forEach(Thread::start);
        return pool;
    }

    private void run() {
        while (true) {
            Optional<K> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            K key = next.get();
            try {
                apply(key, processSafely(key));
            } finally {
                queue.done(key);
            }
        }
    }

    private WorkResult processSafely(K key) {
        try {
            return Objects.requireNonNull(worker.process(key), "a KeyWorker returned null");
        } catch (InterruptedException e) {
            // shutting down in the middle of processing: retry later, if the queue still runs
            Thread.currentThread().interrupt();
            return new WorkResult.Retry("interrupted");
        } catch (Exception | LinkageError | AssertionError e) {
            int retry = queue.retries(key) + 1;
            if (retry == 1) {
                LOG.warn("processing {} from queue {} failed; retrying after backoff", key, queue.name(), e);
            } else {
                // the stack trace was logged at the first failure; a key failing for long must not flood the log
                LOG.warn("processing {} from queue {} failed again (retry {}): {}", key, queue.name(), retry, e.toString());
            }
            return new WorkResult.Retry(String.valueOf(e.getMessage()));
        }
    }

    private void apply(K key, WorkResult result) {
        if (result instanceof WorkResult.RequeueAfter requeue) {
            queue.forget(key);
            queue.addAfter(key, requeue.delay());
        } else if (result instanceof WorkResult.Retry retry) {
            LOG.debug("retrying {} after backoff: {}", key, retry.reason());
            queue.addRateLimited(key);
        } else {
            queue.forget(key);
        }
    }

    /**
     * Shuts the queue down (the keys already queued are still processed) and waits at most {@code timeout} for the
     * workers to finish; returns whether they did.
     */
    public boolean shutDown(Duration timeout) {
        queue.shutDown();
        return join(timeout);
    }

    /** Drops the queued keys, lets the keys being processed finish, and waits at most {@code timeout}. */
    public boolean shutDownNow(Duration timeout) {
        queue.shutDownNow();
        return join(timeout);
    }

    private boolean join(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (thread.isAlive()) {
                LOG.warn("worker {} still processing after {}", thread.getName(), timeout);
                return false;
            }
        }
        return true;
    }

    /** {@link #shutDown} with a 10 s limit. */
    @Override
    public void close() {
        shutDown(Duration.ofSeconds(10));
    }
}
