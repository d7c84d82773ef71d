package io.drover.operator.election;

import io.drover.api.store.EtcdStore;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One candidate's lease, refreshed on a dedicated platform thread, with a deadline on this process's monotonic clock
 * that is never later than etcd's own expiry of the lease.
 *
 * <p>Why not jetcd's {@code keepAlive} stream (nor {@link io.drover.api.store.LeaseKeeper}, built on it): that
 * stream judges its deadline by the wall clock, may end with {@code onCompleted} and no error, and its responses do
 * not say when the refresh they answer was sent. Here each refresh is one {@code keepAliveOnce} request: etcd
 * restarts the TTL when it handles the request, which is after this process sent it, so
 * {@code sentAt + TTL} is a lower bound of etcd's expiry. Minus a safety margin (clock rates, a descheduled thread),
 * that is the deadline past which a leader must not act, whether or not etcd can be reached to say so.
 */
final class LeaderLease {

    /** Why a lease is no longer held. */
    enum Loss {
        /** No refresh acknowledged in time: by this process's clock the lease may be gone. */
        EXPIRED,
        /** etcd answered that the lease does not exist (expired or revoked). */
        GONE
    }

    /** Told once, on the lease's thread, when the lease is lost while still in use. Must return quickly. */
    interface LossListener {
        void onLost(LeaderLease lease, Loss loss, String detail);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private final long id;
    private final Lease leaseClient;
    private final long ttlNanos;
    private final long marginNanos;
    private final long intervalNanos;
    /** Whether the last refresh was answered; confined to the refresh thread. */
    private boolean answered;
    private final LossListener listener;
    private final Thread thread;

    private volatile long deadlineNanos;
    private volatile boolean stopped;
    private volatile Loss loss;

    private LeaderLease(long id, long grantSentNanos, EtcdStore store, ElectionConfig config, LossListener listener) {
        this.id = id;
        this.leaseClient = store.client().getLeaseClient();
        this.ttlNanos = config.leaseTtl().toNanos();
        this.marginNanos = config.safetyMargin().toNanos();
        this.intervalNanos = config.keepAliveInterval().toNanos();
        this.listener = listener;
        this.deadlineNanos = grantSentNanos + ttlNanos - marginNanos;
        this.thread = new Thread(this::keepAlive, "drover-election-lease-" + Long.toHexString(id));
        this.thread.setDaemon(true);
    }

    /** Grants a lease of the configured TTL and starts refreshing it; throws the store's exception when etcd refuses. */
    static LeaderLease grant(EtcdStore store, ElectionConfig config, LossListener listener) {
        long sent = System.nanoTime();
        long id = store.grantLease(config.leaseTtl());
        LeaderLease lease = new LeaderLease(id, sent, store, config, listener);
        lease.thread.start();
        return lease;
    }

    long id() {
        return id;
    }

    /** Time left before the deadline; negative once it has passed. */
    long nanosLeft() {
        return deadlineNanos - System.nanoTime();
    }

    /** Whether the lease is certainly still alive in etcd: not lost, not stopped, and before the deadline. */
    boolean isValid() {
        return loss == null && !stopped && nanosLeft() > 0;
    }

    /** Why the lease is not valid: the loss reported, or the deadline passed just now. */
    Loss lossOrExpiry() {
        Loss reported = loss;
        return reported != null ? reported : Loss.EXPIRED;
    }

    /** Stops refreshing (etcd then expires the lease after its TTL unless someone revokes it). */
    void stop() {
        stopped = true;
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    private void keepAlive() {
        // the first refresh goes at once: the grant may have been slow (a process's first etcd call connects), and
        // its deadline runs from when the grant was sent
        long nextSendNanos = System.nanoTime();
        while (!stopped) {
            long now = System.nanoTime();
            long left = deadlineNanos - now;
            if (left <= 0) {
                lose(Loss.EXPIRED, "no refresh acknowledged by etcd for " + Duration.ofNanos(ttlNanos - marginNanos)
                        + " (TTL " + Duration.ofNanos(ttlNanos) + " minus a safety margin)");
                return;
            }
            long untilSend = nextSendNanos - now;
            if (untilSend > 0) {
                if (!sleep(Math.min(untilSend, left))) {
                    return;
                }
                continue;
            }
            long sent = System.nanoTime();
            answered = false;
            if (!refresh(sent)) {
                return;
            }
            // an unanswered refresh (a member that went silent) is sent again at once: another member may answer
            nextSendNanos = answered ? sent + intervalNanos : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        }
    }

    /** One refresh; returns false when the lease is lost or the keeper is stopped. */
    private boolean refresh(long sent) {
        CompletableFuture<LeaseKeepAliveResponse> answer;
        try {
            answer = leaseClient.keepAliveOnce(id);
        } catch (RuntimeException e) {
            LOG.debug("could not send a refresh of lease {}: {}", hex(), e.toString());
            return !stopped;
        }
        try {
            // never wait past the deadline: the loss must be declared on time even if etcd hangs; half an interval at
            // most, so that a silent member costs little before the refresh is sent again
            long wait = Math.max(1, Math.min(intervalNanos / 2, nanosLeft()));
            LeaseKeepAliveResponse response = answer.get(wait, TimeUnit.NANOSECONDS);
            if (response.getTTL() <= 0) {
                lose(Loss.GONE, "etcd says the lease has expired or was revoked");
                return false;
            }
            answered = true;
            long newDeadline = sent + TimeUnit.SECONDS.toNanos(response.getTTL()) - marginNanos;
            if (newDeadline - deadlineNanos > 0) {
                deadlineNanos = newDeadline;
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.debug("refresh of lease {} unanswered; {} ms left", hex(), TimeUnit.NANOSECONDS.toMillis(nanosLeft()));
        } catch (ExecutionException e) {
            if (isLeaseNotFound(e.getCause())) {
                lose(Loss.GONE, "etcd no longer knows the lease (expired or revoked)");
                return false;
            }
            // a dropped connection: jetcd reconnects, and the deadline decides
            LOG.debug("refresh of lease {} failed: {}", hex(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            answer.cancel(true);
            return !stopped;
        }
        return !stopped;
    }

    private boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return !stopped;
        } catch (InterruptedException e) {
            return !stopped;
        }
    }

    private void lose(Loss why, String detail) {
        if (stopped || loss != null) {
            return;
        }
        loss = why;
        LOG.debug("lease {} lost: {}", hex(), detail);
        try {
            listener.onLost(this, why, detail);
        } catch (RuntimeException e) {
            LOG.error("lease loss handler failed", e);
        }
    }

    static boolean isLeaseNotFound(Throwable t) {
        if (t instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND) {
            return true;
        }
        return t != null && String.valueOf(t.getMessage()).contains("lease not found");
    }

    private String hex() {
        return Long.toHexString(id);
    }

    @Override
    public String toString() {
        return "lease " + hex();
    }
}
