package io.drover.api.store;

import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Holds one etcd lease for its owner (a node agent, an operator candidate) and gets a new one when it is lost.
 *
 * <p>jetcd's keep-alive stream refreshes the lease, but it is not trusted to say when the lease is gone: it may end
 * with {@code onCompleted} and no error, and it judges deadlines by the wall clock. So a dedicated thread keeps its
 * own deadline on {@link System#nanoTime()}, moved forward by each keep-alive response, and declares the lease lost
 * when the deadline passes, when the stream ends, or when etcd says the lease does not exist. It then grants a new
 * lease and calls {@link Listener#onLease} again so that the owner re-publishes its keys under it.
 */
public final class LeaseKeeper implements AutoCloseable {

    /** What the owner of the lease does when it gets one and when it loses it. Both run on the keeper's thread. */
    public interface Listener {

        /**
         * A lease was granted: the first one, or a new one after a loss. Publish the owner's keys with
         * {@code leaseId} here. If this throws (etcd still flaky), it is called again after a pause, with the same
         * lease while that lease lives.
         */
        void onLease(long leaseId) throws Exception;

        /** {@code leaseId} is lost: etcd has deleted, or is about to delete, every key bound to it. */
        default void onLeaseLost(long leaseId) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final EtcdStore store;
    private final Duration ttl;
    private final Listener listener;
    private final Backoff backoff;
    private final Thread thread;
    private final Object signal = new Object();
    private final List<Long> lostLeasesToRevoke = new ArrayList<>();

    private volatile boolean closed;
    private volatile Held current;
    /** A lease a previous owner left to this one (0: none): taken over instead of granting one, if still alive. */
    private volatile long takeOver;

    private LeaseKeeper(EtcdStore store, Duration ttl, Listener listener, String name) {
        this.store = store.withTimeout(min(store.timeout(), ttl));
        this.ttl = ttl;
        this.listener = listener;
        // retries well within one TTL, so that a lease granted after a failure is not already half gone
        this.backoff = new Backoff(Duration.ofMillis(100), ttl.dividedBy(3));
        this.thread = new Thread(this::run, "drover-lease-keeper-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts keeping a lease of {@code ttl} for {@code listener}; {@code name} identifies the owner in thread names
     * and logs. Returns at once; {@link Listener#onLease} is called as soon as a lease is granted.
     */
    public static LeaseKeeper start(EtcdStore store, Duration ttl, String name, Listener listener) {
        return start(store, ttl, name, listener, 0);
    }

    /**
     * Like {@link #start(EtcdStore, Duration, String, Listener)}, first trying to keep lease {@code takeOver} (0:
     * none) that a previous owner left alive on exit, so that the keys bound to it never disappear in between; a new
     * lease is granted when that one is gone.
     */
    public static LeaseKeeper start(EtcdStore store, Duration ttl, String name, Listener listener, long takeOver) {
        if (ttl.compareTo(Duration.ofSeconds(2)) < 0) {
            // etcd 3.4 silently raises shorter TTLs to 2 s; refusing them keeps the keeper's deadline honest
            throw new IllegalArgumentException("lease TTL must be at least 2 s, not " + ttl);
        }
        LeaseKeeper keeper = new LeaseKeeper(store, ttl, listener, name);
        keeper.takeOver = takeOver;
        keeper.thread.start();
        return keeper;
    }

    /** The lease currently held and published, or 0 while there is none. */
    public long leaseId() {
        Held held = current;
        return held != null && held.published ? held.id : 0;
    }

    /** Stops keeping the lease and revokes it, so that the owner's keys disappear now rather than after the TTL. */
    @Override
    public void close() {
        closed = true;
        wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(store.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Held held = current;
        if (held != null) {
            held.stopKeepAlive();
            try {
                store.revokeLease(held.id);
            } catch (StoreException e) {
                LOG.warn("could not revoke lease {} on close; its keys expire within {}: {}", hex(held.id), ttl, e.getMessage());
            }
        }
    }

    /**
     * Stops keeping the lease without revoking it: its keys stay until its TTL runs out, for a next owner to take it
     * over ({@link #start(EtcdStore, Duration, String, Listener, long)}) — an agent restarted in place, whose node
     * must not look lost meanwhile. Returns the lease left (0: none).
     */
    public long closeLeavingLease() {
        closed = true;
        wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(store.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Held held = current;
        if (held == null) {
            return 0;
        }
        held.stopKeepAlive();
        LOG.info("left lease {} alive for the next owner (it expires within {} otherwise)", hex(held.id), ttl);
        return held.id;
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            Held held = current;
            if (held == null) {
                held = grant();
                if (held == null) {
                    pause(backoff(++failures));
                    continue;
                }
                current = held;
                if (closed) {
                    // close() revokes it; publishing now would announce a lease about to go
                    break;
                }
            }
            if (held.isLost()) {
                lose(held);
                continue;
            }
            if (!held.published) {
                if (publish(held)) {
                    failures = 0;
                    revokeLostLeases();
                } else {
                    pause(Math.min(backoff(++failures), held.nanosLeft()));
                    continue;
                }
            }
            // keep-alive responses move the deadline; the stream ending or the deadline passing wake us
            pause(Math.min(held.nanosLeft(), TimeUnit.MILLISECONDS.toNanos(500)));
        }
    }

    private Held grant() {
        long previous = takeOver;
        takeOver = 0;
        if (previous != 0) {
            Held taken = takeOver(previous);
            if (taken != null) {
                return taken;
            }
        }
        long id;
        try {
            id = store.grantLease(ttl);
        } catch (StoreException e) {
            LOG.warn("could not get a lease of {}; retrying: {}", ttl, e.getMessage());
            return null;
        }
        // counted from the answer, like every keep-alive: a grant slowed by connecting (the first call of a
        // process) must not look expired on arrival; etcd started the TTL only when it handled the request
        Held held = new Held(id, System.nanoTime() + ttl.toNanos());
        held.startRefreshing();
        LOG.info("holding lease {} (TTL {})", hex(id), ttl);
        return held;
    }

    /** Keeps {@code id} when etcd still has it with at least a second to live; null otherwise. */
    private Held takeOver(long id) {
        Optional<Duration> remaining;
        try {
            remaining = store.leaseTimeToLive(id);
        } catch (StoreException e) {
            LOG.info("lease {} left by the previous owner cannot be read ({}); getting a new one", hex(id), e.getMessage());
            return null;
        }
        if (remaining.isEmpty() || remaining.get().compareTo(Duration.ofSeconds(1)) < 0) {
            LOG.info("lease {} left by the previous owner is gone; getting a new one", hex(id));
            return null;
        }
        Held held = new Held(id, System.nanoTime() + remaining.get().toNanos());
        held.startRefreshing();
        LOG.info("took over lease {} from the previous owner ({} left)", hex(id), remaining.get());
        return held;
    }

    private boolean publish(Held held) {
        try {
            listener.onLease(held.id);
            held.published = true;
            return true;
        } catch (Exception e) {
            LOG.warn("publishing under lease {} failed; trying again: {}", hex(held.id), e.getMessage());
            return false;
        } catch (Error e) {
            LOG.error("publishing under lease {} failed", hex(held.id), e);
            throw e;
        }
    }

    private void lose(Held held) {
        current = null;
        held.stopKeepAlive();
        LOG.warn("lost lease {}: {}; getting a new one", hex(held.id), held.lossReason());
        // an etcd restart gives surviving leases a fresh TTL, so the old lease may still hold keys: revoke it once
        // the keys are re-published under the new one
        lostLeasesToRevoke.add(held.id);
        try {
            listener.onLeaseLost(held.id);
        } catch (RuntimeException e) {
            LOG.warn("lease-lost handler failed", e);
        }
    }

    private void revokeLostLeases() {
        for (long id : lostLeasesToRevoke) {
            try {
                store.revokeLease(id);
            } catch (StoreException e) {
                LOG.debug("could not revoke lost lease {}: {}", hex(id), e.getMessage());
            }
        }
        lostLeasesToRevoke.clear();
    }

    private long backoff(int failures) {
        return backoff.delay(failures).toNanos();
    }

    private void pause(long nanos) {
        if (nanos <= 0 || closed) {
            return;
        }
        synchronized (signal) {
            try {
                TimeUnit.NANOSECONDS.timedWait(signal, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private static String hex(long id) {
        return Long.toHexString(id);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * One granted lease and what is known about it. It is refreshed with one {@code keepAliveOnce} request every
     * TTL/3, each waited for at most that long, on its own thread — not over jetcd's keep-alive stream: that stream is
     * shared by every lease of the client and restarted only when it fails, so a member that stops answering without
     * closing the connection (frozen, partitioned) would silence it for longer than a TTL, while single requests go
     * on to the members that answer.
     */
    private final class Held {
        final long id;
        volatile long deadlineNanos;
        volatile boolean ended;
        volatile boolean notFound;
        volatile boolean published;
        private volatile boolean stopped;
        private Thread refresher;

        Held(long id, long deadlineNanos) {
            this.id = id;
            this.deadlineNanos = deadlineNanos;
        }

        void startRefreshing() {
            refresher = new Thread(this::refreshEvery, thread.getName() + "-refresh");
            refresher.setDaemon(true);
            refresher.start();
        }

        boolean isLost() {
            return ended || notFound || nanosLeft() <= 0;
        }

        long nanosLeft() {
            return deadlineNanos - System.nanoTime();
        }

        String lossReason() {
            if (notFound) {
                return "etcd no longer knows it (expired or revoked)";
            }
            if (ended) {
                return "its refreshes stopped";
            }
            return "no keep-alive answer for a whole TTL (" + ttl + ")";
        }

        void stopKeepAlive() {
            stopped = true;
            Thread running = refresher;
            if (running != null && running != Thread.currentThread()) {
                running.interrupt();
            }
        }

        private void refreshEvery() {
            long interval = ttl.toNanos() / 3;
            // an unanswered refresh is sent again at once, each waited for TTL/6 at most: with one member of three
            // silent, several requests go out per TTL and one reaches a member that answers
            long patience = ttl.toNanos() / 6;
            // the first refresh goes at once: a lease taken over, or a slow grant, may have little time left
            while (!stopped && !notFound) {
                long sent = System.nanoTime();
                boolean answered = refreshOnce(sent, Math.max(1, Math.min(patience, nanosLeft())));
                long sleep = answered ? sent + interval - System.nanoTime() : TimeUnit.MILLISECONDS.toNanos(100);
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        /** One refresh; returns whether etcd answered it. */
        private boolean refreshOnce(long sent, long waitNanos) {
            CompletableFuture<LeaseKeepAliveResponse> answer;
            try {
                answer = store.client().getLeaseClient().keepAliveOnce(id);
            } catch (RuntimeException e) {
                LOG.debug("could not send a refresh of lease {}: {}", hex(id), e.toString());
                return false;
            }
            try {
                LeaseKeepAliveResponse response = answer.get(waitNanos, TimeUnit.NANOSECONDS);
                if (response.getTTL() > 0) {
                    // counted from when the refresh was sent: etcd restarted the TTL after that
                    long deadline = sent + TimeUnit.SECONDS.toNanos(response.getTTL());
                    if (deadline - deadlineNanos > 0) {
                        deadlineNanos = deadline;
                    }
                } else {
                    notFound = true;
                    wake();
                }
                return true;
            } catch (TimeoutException e) {
                answer.cancel(true);
                LOG.debug("refresh of lease {} unanswered; {} ms left", hex(id), TimeUnit.NANOSECONDS.toMillis(nanosLeft()));
            } catch (ExecutionException e) {
                if (EtcdStore.isLeaseNotFound(e.getCause())) {
                    notFound = true;
                    wake();
                    return true;
                }
                // a dropped connection: jetcd reconnects, and the deadline decides
                LOG.debug("refresh of lease {} failed: {}", hex(id), String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                answer.cancel(true);
                stopped = true;
            }
            return false;
        }
    }
}
