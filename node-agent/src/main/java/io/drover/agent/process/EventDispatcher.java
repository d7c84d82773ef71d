package io.drover.agent.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands changes to the listener on one thread, in the order they were submitted. Submissions happen while the
 * process's lock is held, which fixes the order of each process's changes; the queue keeps the supervision from
 * ever waiting on the listener.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final ProcessListener listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "drover-process-events");
        t.setDaemon(true);
        return t;
    });

    EventDispatcher(ProcessListener listener) {
        this.listener = listener;
    }

    void stateChanged(ProcessSnapshot snapshot) {
        submit(() -> listener.stateChanged(snapshot), snapshot.key());
    }

    void removed(ProcessKey key) {
        submit(() -> listener.removed(key), key);
    }

    /**
     * Runs {@code action} once every change submitted so far has been delivered: a future completed this way tells
     * its waiter that the listener has already seen the change.
     */
    void afterDelivery(Runnable action) {
        try {
            thread.execute(action);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }

    private void submit(Runnable call, ProcessKey key) {
        try {
            thread.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("the process listener failed on a change of {}", key, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("change of {} not delivered: the supervisor is closed", key);
        }
    }

    /** Delivers what is queued, then stops. */
    void close(long timeoutMillis) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("the process listener did not take the last changes within {} ms", timeoutMillis);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
