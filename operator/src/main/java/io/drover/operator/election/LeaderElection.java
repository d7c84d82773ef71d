package io.drover.operator.election;

import io.drover.api.state.LeaderRecord;
import io.drover.api.store.Backoff;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Guards;
import io.drover.api.store.StoreException;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This replica's candidacy for leadership of the operators.
 *
 * <p><b>Campaign.</b> With a lease of its own, the candidate creates the leader key if it is absent, in one
 * transaction; the winner's epoch is the key's create_revision. Losers watch the key and campaign again as soon as
 * it is deleted (the leader resigned or its lease expired), and also every TTL in case the watch missed it.
 *
 * <p><b>Stepping down.</b> A leader stops leading at once, without asking etcd, when: its lease deadline on its own
 * monotonic clock passes (see {@link LeaderLease}: a leader cut off from etcd stops by itself within the TTL), etcd
 * says its lease is gone, the leader key is deleted or re-created, or the application reports a fenced write refused
 * ({@link #fencedWriteFailed}). {@link #currentEpoch()} checks the deadline on every call, so even a leader whose
 * threads were all paused never reports an epoch past its lease. It then abandons that lease (revoking it if etcd is
 * reachable, so that its key goes too) and campaigns again with a fresh one.
 *
 * <p><b>Threads.</b> Campaigns and reactions to the leader key run on one control thread; lease refreshes on the
 * lease's own thread; {@link LeadershipListener} calls on a callback thread, in order. Becoming and ceasing to be
 * leader are atomic transitions that any thread may trigger; they never wait for etcd.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    private static final int MAX_LEASES_TO_REVOKE = 16;

    /** A term of leadership and the lease it stands on. */
    private record Term(Leadership leadership, LeaderLease lease) {
    }

    private final EtcdStore store;
    private final ElectionConfig config;
    private final String leaderKey;
    private final LeadershipListener listener;
    private final Backoff retryBackoff;
    private final ScheduledExecutorService control;
    private final ExecutorService callbacks;
    private final AtomicReference<Term> term = new AtomicReference<>();
    /** Held while changing {@link #term} and queueing the matching callback, so callbacks come in term order. */
    private final Object transitions = new Object();

    private volatile boolean closed;
    private volatile LeaderKeyWatch watch;
    private volatile LeaderKeyState observed;
    private volatile Thread callbackThread;

    // confined to the control thread (volatile only to be read by close() once it has stopped)
    private volatile LeaderLease lease;
    private final List<Long> leasesToRevoke = new ArrayList<>();
    private int failures;
    private ScheduledFuture<?> nextCampaign;

    private LeaderElection(EtcdStore store, ElectionConfig config, LeadershipListener listener) {
        // no etcd call of the election may take longer than a lease lasts
        this.store = store.withTimeout(min(store.timeout(), config.leaseTtl()));
        this.config = config;
        this.leaderKey = config.keyspace().leader();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retryBackoff = new Backoff(Duration.ofMillis(100), config.leaseTtl().dividedBy(2));
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("drover-election-" + config.operatorId()));
        ThreadFactory callbackThreads = daemon("drover-election-" + config.operatorId() + "-events");
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = callbackThreads.newThread(runnable);
            callbackThread = thread;
            return thread;
        });
    }

    /** Starts campaigning; returns at once. */
    public static LeaderElection start(EtcdStore store, ElectionConfig config, LeadershipListener listener) {
        LeaderElection election = new LeaderElection(store, config, listener);
        election.watch = LeaderKeyWatch.start(election.store, election.leaderKey, config.operatorId(),
                state -> election.onControl(() -> election.observe(state)));
        election.onControl(election::campaign);
        return election;
    }

    // --- what the application asks ---

    /**
     * The epoch of the current term, or empty when this replica does not lead. Checks the lease deadline on the
     * caller's thread: once it has passed, this is empty (and the term ends) even if no other thread has run.
     */
    public OptionalLong currentEpoch() {
        Term current = validTerm();
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.leadership.epoch());
    }

    /** The current term, or empty when this replica does not lead; checked like {@link #currentEpoch()}. */
    public Optional<Leadership> leadership() {
        return Optional.ofNullable(validTerm()).map(Term::leadership);
    }

    public boolean isLeader() {
        return validTerm() != null;
    }

    /**
     * The condition to add to a write of the current term: the leader key still has this term's epoch.
     *
     * @throws NotLeaderException when this replica does not lead
     */
    public Cmp guard() {
        Term current = validTerm();
        if (current == null) {
            throw new NotLeaderException(config.operatorId() + " does not lead; refusing to prepare a leader write");
        }
        return current.leadership.guard();
    }

    /**
     * The application saw a write guarded by the current term refused because of the leader guard: another
     * election took place. Ends the current term at once.
     */
    public void fencedWriteFailed() {
        Term current = term.get();
        if (current != null) {
            demote(current, Demotion.Cause.FENCED_WRITE_REJECTED, "a write fenced with epoch " + current.leadership.epoch()
                    + " was refused");
        }
    }

    /** Like {@link #fencedWriteFailed()}, but only if {@code epoch} is the current term's: a late report of an older term is ignored. */
    public void fencedWriteFailed(long epoch) {
        Term current = term.get();
        if (current != null && current.leadership.epoch() == epoch) {
            fencedWriteFailed();
        }
    }

    /** The leader as last seen in etcd (this replica or another), with its epoch; empty when there is none. */
    public Optional<LeaderRecord> observedLeader() {
        LeaderKeyState state = observed;
        return state == null ? Optional.empty() : state.record();
    }

    public ElectionConfig config() {
        return config;
    }

    // --- campaigning (control thread) ---

    private void campaign() {
        cancelNextCampaign();
        if (closed || term.get() != null) {
            return;
        }
        try {
            if (lease == null || !lease.isValid()) {
                abandonLease();
                lease = LeaderLease.grant(store, config, this::onLeaseLost);
            }
            revokeAbandonedLeases();
            TxnResponse response = store.txn("campaign for " + leaderKey,
                    List.of(Guards.absent(leaderKey)),
                    List.of(store.putOp(leaderKey, new LeaderRecord(config.operatorId(), 0, Instant.now()), lease.id()),
                            EtcdStore.getOp(leaderKey)),
                    List.of(EtcdStore.getOp(leaderKey)));
            failures = 0;
            Optional<KeyValue> holder = response.getGetResponses().stream().flatMap(r -> r.getKvs().stream()).findFirst();
            if (response.isSucceeded() && holder.isPresent()) {
                elected(holder.get().getCreateRevision());
            } else if (holder.isPresent() && holder.get().getLease() == lease.id()) {
                // an earlier attempt with this lease timed out here but was applied by etcd: that key is ours
                elected(holder.get().getCreateRevision());
            } else {
                LOG.debug("{} stands by; leader key held at epoch {}", config.operatorId(),
                        holder.map(KeyValue::getCreateRevision).orElse(0L));
                // the watch normally triggers the next campaign; this is the safety net if it misses the deletion
                scheduleCampaign(config.leaseTtl().toNanos());
            }
        } catch (StoreException e) {
            failures++;
            Duration delay = retryBackoff.delay(failures);
            if (failures == 1) {
                LOG.warn("{} could not campaign for leadership: {}; retrying", config.operatorId(), e.getMessage());
            } else {
                LOG.debug("{} campaign attempt {} failed: {}; next in {} ms", config.operatorId(), failures,
                        e.getMessage(), delay.toMillis());
            }
            scheduleCampaign(delay.toNanos());
        }
    }

    private void elected(long epoch) {
        LeaderLease held = lease;
        if (!held.isValid()) {
            // the lease ran out while the transaction was in flight: the key goes with it, do not act on it
            abandonLease();
            scheduleCampaign(0);
            return;
        }
        Term won = new Term(new Leadership(epoch, leaderKey, Instant.now(), System.nanoTime()), held);
        synchronized (transitions) {
            if (closed || !term.compareAndSet(null, won)) {
                return;
            }
            LOG.info("{} is leader with epoch {}", config.operatorId(), epoch);
            callback(() -> listener.onElected(won.leadership));
        }
        // the watch may already have seen the key deleted or replaced after this epoch
        LeaderKeyState state = observed;
        if (state != null) {
            checkTerm(won, state);
        }
    }

    /** A state of the leader key from the watch, in revision order. */
    private void observe(LeaderKeyState state) {
        LeaderKeyState previous = observed;
        if (previous != null && state.revision() < previous.revision()) {
            return;
        }
        observed = state;
        if (previous == null || previous.createRevision() != state.createRevision()) {
            LOG.debug("{} sees the leader key held by {} (epoch {}) at revision {}", config.operatorId(), state.holder(),
                    state.createRevision(), state.revision());
        }
        Term current = term.get();
        if (current != null) {
            checkTerm(current, state);
        } else if (!state.present()) {
            campaign();
        }
    }

    private void checkTerm(Term current, LeaderKeyState state) {
        long epoch = current.leadership.epoch();
        if (state.revision() < epoch) {
            // from before this term began: says nothing about it
            return;
        }
        if (!state.present()) {
            demote(current, Demotion.Cause.KEY_DELETED, "the leader key was deleted at revision " + state.revision());
        } else if (state.createRevision() != epoch) {
            demote(current, Demotion.Cause.KEY_REPLACED, "the leader key was re-created at revision "
                    + state.createRevision() + " by " + state.holder());
        }
    }

    private void onLeaseLost(LeaderLease lost, LeaderLease.Loss loss, String detail) {
        Term current = term.get();
        if (current != null && current.lease == lost) {
            demote(current, loss == LeaderLease.Loss.EXPIRED ? Demotion.Cause.LEASE_EXPIRED : Demotion.Cause.LEASE_LOST, detail);
        } else {
            // a stand-by's lease: get a fresh one to campaign with
            onControl(() -> {
                if (lease == lost) {
                    abandonLease();
                    campaign();
                }
            });
        }
    }

    // --- stepping down (any thread) ---

    /** The current term if its lease is still certainly alive; ends it otherwise. */
    private Term validTerm() {
        Term current = term.get();
        if (current == null) {
            return null;
        }
        if (!current.lease.isValid()) {
            LeaderLease.Loss loss = current.lease.lossOrExpiry();
            demote(current, loss == LeaderLease.Loss.EXPIRED ? Demotion.Cause.LEASE_EXPIRED : Demotion.Cause.LEASE_LOST,
                    "lease deadline passed (checked by the application's thread)");
            return null;
        }
        return current;
    }

    private void demote(Term ended, Demotion.Cause cause, String detail) {
        Demotion demotion = new Demotion(ended.leadership.epoch(), cause, detail);
        synchronized (transitions) {
            if (!term.compareAndSet(ended, null)) {
                return;
            }
            LOG.warn("{} stops leading (epoch {}): {}: {}", config.operatorId(), demotion.epoch(), cause, detail);
            callback(() -> listener.onDemoted(demotion));
        }
        // the lease of an ended term is never used again: its key, if still there, must go so that anyone may win
        onControl(() -> {
            if (lease == ended.lease) {
                abandonLease();
            }
            campaign();
        });
    }

    // --- leases (control thread) ---

    private void abandonLease() {
        LeaderLease abandoned = lease;
        if (abandoned == null) {
            return;
        }
        lease = null;
        abandoned.stop();
        if (leasesToRevoke.size() >= MAX_LEASES_TO_REVOKE) {
            // these leases were not refreshed for long: etcd has expired them by now
            leasesToRevoke.remove(0);
        }
        leasesToRevoke.add(abandoned.id());
    }

    /**
     * Revokes abandoned leases, deleting any key still bound to them. After an etcd restart, etcd gives surviving
     * leases a fresh TTL, so an old leader key could otherwise block the election for another TTL.
     */
    private void revokeAbandonedLeases() {
        for (Iterator<Long> it = leasesToRevoke.iterator(); it.hasNext(); ) {
            long id = it.next();
            try {
                store.revokeLease(id);
                it.remove();
            } catch (StoreException e) {
                if (e.outcomeUnknown()) {
                    // etcd unreachable: the campaign fails too; try again with it
                    LOG.debug("could not revoke abandoned lease {}: {}", Long.toHexString(id), e.getMessage());
                    return;
                }
                LOG.warn("etcd refused to revoke abandoned lease {}; it expires by itself: {}", Long.toHexString(id),
                        e.getMessage());
                it.remove();
            }
        }
    }

    // --- closing ---

    /**
     * Resigns: ends the current term (the listener hears {@link Demotion.Cause#CLOSED}), deletes the leader key if
     * it is still this term's and revokes the lease, so that a stand-by is elected at once rather than after a TTL.
     */
    @Override
    public void close() {
        Term resigned;
        synchronized (transitions) {
            if (closed) {
                return;
            }
            closed = true;
            resigned = term.getAndSet(null);
            if (resigned != null) {
                LOG.info("{} resigns as leader (epoch {})", config.operatorId(), resigned.leadership.epoch());
                Demotion demotion = new Demotion(resigned.leadership.epoch(), Demotion.Cause.CLOSED, "the election was closed");
                callback(() -> listener.onDemoted(demotion));
            }
        }
        LeaderKeyWatch w = watch;
        if (w != null) {
            w.close();
        }
        control.shutdownNow();
        awaitQuietly(control, store.timeout().plusSeconds(1));
        if (resigned != null) {
            resign(resigned.leadership);
        }
        LeaderLease last = lease;
        if (last != null) {
            last.stop();
            leasesToRevoke.add(last.id());
        }
        revokeAbandonedLeases();
        if (!leasesToRevoke.isEmpty()) {
            LOG.warn("{} could not revoke its lease on close; its leader key, if any, expires within {}",
                    config.operatorId(), config.leaseTtl());
        }
        callbacks.shutdown();
        if (Thread.currentThread() != callbackThread) {
            awaitQuietly(callbacks, Duration.ofSeconds(5));
        }
    }

    private void resign(Leadership leadership) {
        try {
            store.delete(leaderKey, List.of(leadership.guard()));
        } catch (StoreException e) {
            LOG.debug("could not delete the leader key on close: {}", e.getMessage());
        }
    }

    // --- plumbing ---

    private void onControl(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("election of {} failed unexpectedly; campaigning again", config.operatorId(), e);
                    scheduleCampaign(retryBackoff.max().toNanos());
                }
            });
        } catch (RejectedExecutionException closing) {
            // closed: nothing more to do
        }
    }

    private void scheduleCampaign(long delayNanos) {
        cancelNextCampaign();
        try {
            nextCampaign = control.schedule(this::campaign, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // closed
        }
    }

    private void cancelNextCampaign() {
        if (nextCampaign != null) {
            nextCampaign.cancel(false);
            nextCampaign = null;
        }
    }

    private void callback(Runnable call) {
        try {
            callbacks.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.error("leadership listener of {} failed", config.operatorId(), e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("leadership callback dropped: the election is closed");
        }
    }

    private static void awaitQuietly(ExecutorService executor, Duration timeout) {
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("election thread did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "LeaderElection[" + config.operatorId() + ", " + leaderKey + "]";
    }
}
