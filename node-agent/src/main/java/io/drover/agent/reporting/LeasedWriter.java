package io.drover.agent.reporting;

import io.drover.agent.membership.LeaseBound;
import io.drover.api.store.Backoff;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.StoreException;
import io.etcd.jetcd.op.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the agent's observed keys under its lease, in the order they change, from one thread of its own so that
 * supervising processes never waits on etcd.
 *
 * <p>Changes are queued in order and written in batches (one transaction holds at most one change per key, so that
 * two changes of one key are never reordered). While etcd cannot be written, or while the agent holds no lease, the
 * queue collapses to the latest value of each key: what etcd must show in the end is the present state. Every key
 * written is remembered, so that a new lease gets all of them again.
 */
public final class LeasedWriter implements LeaseBound, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeasedWriter.class);
    private static final int MAX_BATCH = 128;
    private static final Backoff RETRY = new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2));

    /** One change: a value to put, or a deletion when {@code value} is empty. */
    private record Change(String key, Optional<Object> value) {
    }

    private final EtcdStore store;
    private final String name;
    private final Object lock = new Object();
    private final List<Change> queue = new ArrayList<>();
    /** The present value of every key this writer owns: what a new lease must carry. */
    private final Map<String, Object> present = new LinkedHashMap<>();
    private final Thread thread;
    private long leaseId;
    private boolean closed;
    private long writes;
    /** Whether a batch taken from the queue is being written. */
    private boolean writing;

    public LeasedWriter(EtcdStore store, String name) {
        this.store = store;
        this.name = name;
        this.thread = new Thread(this::run, "drover-writer-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code value} for {@code key}. */
    public void put(String key, Object value) {
        synchronized (lock) {
            present.put(key, value);
            queue.add(new Change(key, Optional.of(value)));
            lock.notifyAll();
        }
    }

    /** Queues the deletion of {@code key}. */
    public void delete(String key) {
        synchronized (lock) {
            present.remove(key);
            queue.add(new Change(key, Optional.empty()));
            lock.notifyAll();
        }
    }

    /** The value last queued for {@code key}, if it has one. */
    public Optional<Object> present(String key) {
        synchronized (lock) {
            return Optional.ofNullable(present.get(key));
        }
    }

    /** How many transactions this writer has committed; for benchmarks of the write budget. */
    public long writes() {
        synchronized (lock) {
            return writes;
        }
    }

    /** Whether every queued change has been written. */
    public boolean drained() {
        synchronized (lock) {
            return queue.isEmpty() && !writing && leaseId != 0;
        }
    }

    /** Waits until every queued change is written, at most {@code atMost}; returns whether it was. */
    public boolean awaitDrained(java.time.Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (lock) {
            while (!(queue.isEmpty() && !writing && leaseId != 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waitOn(lock, Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public boolean awaitRepublished(java.time.Duration atMost) {
        return awaitDrained(atMost);
    }

    @Override
    public void republish(long newLeaseId) {
        synchronized (lock) {
            leaseId = newLeaseId;
            // everything goes again under the new lease; pending changes are part of the present state
            queue.clear();
            present.forEach((key, value) -> queue.add(new Change(key, Optional.of(value))));
            lock.notifyAll();
        }
    }

    @Override
    public void leaseLost(long lostLeaseId) {
        synchronized (lock) {
            if (leaseId == lostLeaseId) {
                leaseId = 0;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(store.timeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        while (true) {
            List<Change> batch;
            long lease;
            synchronized (lock) {
                while (!closed && (queue.isEmpty() || leaseId == 0)) {
                    waitOn(lock, 0);
                }
                if (closed) {
                    return;
                }
                batch = takeBatch();
                lease = leaseId;
                writing = true;
            }
            try {
                write(batch, lease);
                failures = 0;
            } catch (StoreException e) {
                failures++;
                LOG.warn("writer {}: cannot write {} change(s) to etcd ({}); keeping the latest values to write later",
                        name, batch.size(), e.getMessage());
                synchronized (lock) {
                    writing = false;
                    // a new lease meanwhile has queued the present state again: this older batch must not follow it
                    if (leaseId == lease || leaseId == 0) {
                        queue.addAll(0, batch);
                    }
                    collapse();
                    waitOn(lock, RETRY.delay(failures).toMillis());
                }
            } catch (RuntimeException e) {
                // a value that cannot be encoded will never be written: drop it rather than block every other key
                LOG.error("writer {}: dropping {} change(s) that cannot be written: {}", name, batch.size(), e.toString());
                synchronized (lock) {
                    writing = false;
                }
            }
        }
    }

    /** The oldest changes, at most one per key, stopping at the first key seen twice so that order is kept. */
    private List<Change> takeBatch() {
        List<Change> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        while (!queue.isEmpty() && batch.size() < MAX_BATCH && keys.add(queue.get(0).key())) {
            batch.add(queue.remove(0));
        }
        return batch;
    }

    /** Keeps only the last change of each key, in the order of those last changes. */
    private void collapse() {
        Map<String, Change> last = new LinkedHashMap<>();
        for (Change change : queue) {
            last.remove(change.key());
            last.put(change.key(), change);
        }
        queue.clear();
        queue.addAll(last.values());
    }

    private void write(List<Change> batch, long lease) {
        List<Op> ops = new ArrayList<>(batch.size());
        for (Change change : batch) {
            ops.add(change.value().isPresent() ? store.putOp(change.key(), change.value().get(), lease)
                    : EtcdStore.deleteOp(change.key()));
        }
        store.txn("publish " + batch.size() + " observed key(s) of " + name, List.of(), ops, List.of());
        synchronized (lock) {
            writes++;
            writing = false;
            lock.notifyAll();
        }
    }

    private static void waitOn(Object monitor, long millis) {
        try {
            monitor.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
