package io.drover.agent.membership;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional self-fencing: when the agent has held no lease for {@code after}, its node is presumed lost and its
 * processes presumed restarted elsewhere, so it stops them itself rather than risk running them twice. Off by default:
 * most plants prefer a process running twice for a while to a process not running at all (DESIGN rule 8).
 */
public final class SelfFence implements LeaseBound, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelfFence.class);

    private final Duration after;
    private final Runnable stopEverything;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "drover-self-fence");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> pending;

    public SelfFence(Duration after, Runnable stopEverything) {
        this.after = after;
        this.stopEverything = stopEverything;
    }

    @Override
    public synchronized void republish(long leaseId) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public synchronized void leaseLost(long leaseId) {
        if (pending == null) {
            pending = timer.schedule(this::fence, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void fence() {
        LOG.error("no etcd lease for {}: this node is presumed lost, stopping every process it runs (--self-fence-after)",
                after);
        stopEverything.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
