package io.drover.api.store;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A list-then-watch loop over one prefix that does not lose, repeat or reorder changes, whatever etcd and jetcd do.
 *
 * <p>It lists the prefix, hands the snapshot to the listener, then watches from the listing's revision + 1. When a
 * subscription ends for any reason (a dropped connection, jetcd giving up on "channel closed" or "no leader" and
 * ending the watch by itself, etcd restarting) it subscribes again from the last delivered revision + 1, after an
 * exponential backoff with jitter. When the revision to resume from has been compacted away, it lists again and
 * delivers the difference with what it had delivered. Optionally it re-lists periodically as a safety net, like a
 * Kubernetes informer's resync.
 *
 * <p>Everything happens on one dedicated thread: jetcd's callbacks only queue work onto it, so the listener is never
 * called on a gRPC thread and a slow listener cannot cause reordering.
 */
public final class ResilientWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientWatch.class);

    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    /**
     * How long a quiet subscription may leave a progress request unanswered before it is taken for stuck on a member
     * that stopped answering without closing the connection (frozen, partitioned), and subscribed again — which
     * otherwise takes gRPC's keep-alive, about 15 s.
     */
    static final Duration UNANSWERED = Duration.ofSeconds(3);
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EtcdStore store;
    private final String prefix;
    private final WatchListener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService loop;
    private volatile Thread loopThread;

    // confined to the loop thread
    /** What the listener holds; null while that is unknown (started after a caller-given revision). */
    private DeliveredKeys known;
    private long lastDelivered;
    private boolean needList;
    private volatile Subscription current;
    private int failures;
    private ScheduledFuture<?> pendingConnect;
    /** When the current subscription last answered anything, and when a progress request was sent (0: none). */
    private long lastHeardNanos;
    private long progressAskedNanos;

    // read by health() from any thread
    private volatile boolean closed;
    private volatile long deliveredRevision;
    private volatile Instant lastSubscribedAt;
    private volatile boolean subscribed;
    private volatile int consecutiveFailures;
    private volatile String lastError;

    private ResilientWatch(Builder builder, WatchListener listener) {
        this.store = builder.store;
        this.prefix = builder.prefix;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = builder.backoff;
        String threadName = "drover-watch-" + (builder.name != null ? builder.name : prefix);
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        if (builder.startAfterRevision >= 0) {
            this.lastDelivered = builder.startAfterRevision;
            this.deliveredRevision = lastDelivered;
            this.needList = false;
        } else {
            this.needList = true;
        }
        loop.scheduleWithFixedDelay(this::checkAnswering, CHECK_EVERY_NANOS, CHECK_EVERY_NANOS, TimeUnit.NANOSECONDS);
        if (builder.resyncEvery != null) {
            long nanos = builder.resyncEvery.toNanos();
            loop.scheduleWithFixedDelay(this::resync, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts describing a watch of every key under {@code prefix}. */
    public static Builder on(EtcdStore store, String prefix) {
        return new Builder(store, prefix);
    }

    public static final class Builder {
        private final EtcdStore store;
        private final String prefix;
        private long startAfterRevision = -1;
        private Backoff backoff = DEFAULT_BACKOFF;
        private Duration resyncEvery;
        private String name;

        private Builder(EtcdStore store, String prefix) {
            this.store = Objects.requireNonNull(store, "store");
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("an empty prefix would watch the whole etcd keyspace; give a drover prefix");
            }
            this.prefix = prefix;
        }

        /**
         * Skips the initial listing: the caller already holds the state at {@code revision} and wants the changes
         * after it. If that revision is compacted, the watch falls back to {@link WatchListener#onSnapshot}.
         */
        public Builder startAfterRevision(long revision) {
            if (revision < 0) {
                throw new IllegalArgumentException("start revision cannot be negative: " + revision);
            }
            this.startAfterRevision = revision;
            return this;
        }

        public Builder backoff(Backoff newBackoff) {
            this.backoff = Objects.requireNonNull(newBackoff, "backoff");
            return this;
        }

        /** Also re-lists every {@code period} and delivers any difference, in case a change was ever missed. */
        public Builder resyncEvery(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("resync period must be positive, not " + period);
            }
            this.resyncEvery = period;
            return this;
        }

        /** Names the watch in its thread name and logs; the prefix otherwise. */
        public Builder name(String newName) {
            this.name = newName;
            return this;
        }

        public ResilientWatch start(WatchListener listener) {
            ResilientWatch watch = new ResilientWatch(this, listener);
            watch.submit(watch::connect);
            return watch;
        }
    }

    public String prefix() {
        return prefix;
    }

    public WatchHealth health() {
        return new WatchHealth(deliveredRevision, lastSubscribedAt, subscribed, consecutiveFailures, lastError);
    }

    /** Stops watching; no listener call starts after this returns (unless called from the listener itself). */
    @Override
    public void close() {
        closed = true;
        submit(() -> {
            if (current != null) {
                current.cancel();
                current = null;
            }
            if (pendingConnect != null) {
                pendingConnect.cancel(false);
            }
            subscribed = false;
        });
        loop.shutdown();
        if (Thread.currentThread() == loopThread) {
            return;
        }
        try {
            if (!loop.awaitTermination(store.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                LOG.warn("watch of {} did not stop in time (a listener call is still running); interrupting it", prefix);
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownNow();
        }
    }

    /**
     * Ends the current subscription the way jetcd does when it gives up on a stream (it closes the watcher and calls
     * {@code onCompleted}), without telling this watch: tests use it to show that the watch resumes by itself.
     */
    void endSubscriptionAsJetcdWould() {
        submit(() -> {
            if (current != null && current.watcher != null) {
                current.watcher.close();
            }
        });
    }

    // --- the loop ---

    private void connect() {
        pendingConnect = null;
        if (closed || current != null) {
            return;
        }
        if (needList) {
            Listing<String> listing;
            try {
                listing = store.listRaw(prefix);
            } catch (StoreException e) {
                retryLater("listing failed: " + e.getMessage(), true);
                return;
            }
            needList = false;
            deliverListing(listing, true);
        }
        subscribe();
    }

    private void subscribe() {
        Subscription subscription = new Subscription();
        WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(lastDelivered + 1)
                .withCreateNotify(true)
                // a member cut off from its cluster's leader would otherwise keep the stream open and silent
                .withRequireLeader(true)
                .build();
        try {
            subscription.watcher = store.client().getWatchClient().watch(EtcdStore.bytes(prefix), option, subscription);
        } catch (RuntimeException e) {
            retryLater("cannot subscribe: " + e, true);
            return;
        }
        current = subscription;
        lastHeardNanos = System.nanoTime();
        progressAskedNanos = 0;
    }

    /**
     * Every second: a subscription quiet for a while is asked for its progress; one that leaves the question
     * unanswered for {@link #UNANSWERED} is dropped and subscribed again from the last delivered revision.
     */
    private void checkAnswering() {
        Subscription subscription = current;
        if (closed || subscription == null || !subscribed || subscription.watcher == null) {
            return;
        }
        long now = System.nanoTime();
        if (progressAskedNanos != 0) {
            if (lastHeardNanos - progressAskedNanos >= 0) {
                progressAskedNanos = 0;
            } else if (now - progressAskedNanos > UNANSWERED.toNanos()) {
                LOG.warn("watch of {}: etcd left a progress request unanswered for {}; subscribing again from revision {}",
                        prefix, UNANSWERED, lastDelivered + 1);
                current = null;
                subscribed = false;
                subscription.cancel();
                retryLater("a progress request went unanswered for " + UNANSWERED, false);
                return;
            }
        }
        if (progressAskedNanos == 0 && now - lastHeardNanos > CHECK_EVERY_NANOS) {
            try {
                subscription.watcher.requestProgress();
                progressAskedNanos = now;
            } catch (RuntimeException e) {
                LOG.debug("progress request on the watch of {} failed: {}", prefix, e.toString());
            }
        }
    }

    private void onResponse(Subscription subscription, WatchResponse response) {
        if (subscription != current || closed) {
            return;
        }
        lastHeardNanos = System.nanoTime();
        if (response.isCreatedNotify()) {
            if (failures > 0) {
                LOG.info("watch of {} resumed from revision {} after {} failed attempt{}", prefix, lastDelivered + 1, failures,
                        failures == 1 ? "" : "s");
            }
            failures = 0;
            consecutiveFailures = 0;
            subscribed = true;
            lastSubscribedAt = Instant.now();
            return;
        }
        if (response.isProgressNotify() && response.getEvents().isEmpty()) {
            long confirmed = response.getHeader().getRevision();
            if (confirmed >= lastDelivered) {
                try {
                    listener.onProgress(confirmed);
                } catch (RuntimeException e) {
                    LOG.error("watch listener of {} failed on progress at revision {}", prefix, confirmed, e);
                }
            }
            return;
        }
        List<KeyEvent> events = new ArrayList<>(response.getEvents().size());
        long newest = lastDelivered;
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            long revision = kv.getModRevision();
            if (revision <= lastDelivered) {
                // replayed by a subscription that resumed earlier than needed; already delivered
                continue;
            }
            switch (event.getEventType()) {
                case PUT -> events.add(KeyEvent.put(ValueCodec.raw(kv)));
                case DELETE -> events.add(KeyEvent.delete(ValueCodec.raw(kv).key(), revision));
                default -> {
                    LOG.warn("ignoring an event of unknown type {} on {}", event.getEventType(), ValueCodec.raw(kv).key());
                    continue;
                }
            }
            newest = Math.max(newest, revision);
        }
        if (!events.isEmpty()) {
            lastDelivered = newest;
            deliver(events);
        }
    }

    private void onEnded(Subscription subscription, Throwable error) {
        if (subscription != current) {
            return;
        }
        current = null;
        subscribed = false;
        // jetcd may resume this stream on its own; only this loop decides when and from which revision
        subscription.cancel();
        if (closed) {
            return;
        }
        if (isCompaction(error)) {
            LOG.info("watch of {}: revision {} is compacted; listing again", prefix, lastDelivered + 1);
            needList = true;
            retryLater("revision " + (lastDelivered + 1) + " was compacted", false);
        } else {
            retryLater(error == null ? "etcd or jetcd ended the watch" : String.valueOf(error.getMessage()), true);
        }
    }

    /** Schedules the next attempt after a backoff; {@code warn}: tell operators about the first failure. */
    private void retryLater(String why, boolean warn) {
        failures++;
        consecutiveFailures = failures;
        lastError = why;
        Duration delay = backoff.delay(failures);
        if (failures == 1 && warn) {
            LOG.warn("watch of {} interrupted at revision {}: {}; resuming", prefix, lastDelivered, why);
        } else {
            LOG.debug("watch of {}: attempt {} failed: {}; next in {} ms", prefix, failures, why, delay.toMillis());
        }
        if (!closed) {
            try {
                pendingConnect = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // closed meanwhile
            }
        }
    }

    private void resync() {
        if (closed || current == null || known == null || needList) {
            return;
        }
        Listing<String> listing;
        try {
            listing = store.listRaw(prefix);
        } catch (StoreException e) {
            LOG.debug("periodic re-list of {} failed: {}", prefix, e.getMessage());
            return;
        }
        deliverListing(listing, false);
    }

    /** Hands a listing over: as a snapshot when nothing is known of the listener's state, else as a difference. */
    private void deliverListing(Listing<String> listing, boolean afterCompaction) {
        if (known == null) {
            known = DeliveredKeys.of(listing);
            lastDelivered = listing.revision();
            deliveredRevision = lastDelivered;
            try {
                listener.onSnapshot(listing.items(), listing.revision());
            } catch (RuntimeException e) {
                LOG.error("watch listener of {} failed on the snapshot at revision {}", prefix, listing.revision(), e);
            }
            return;
        }
        if (listing.revision() < lastDelivered) {
            // older than what was delivered (a lagging member): its difference would undo newer changes
            LOG.debug("watch of {}: ignoring a listing at revision {} older than delivered revision {}", prefix,
                    listing.revision(), lastDelivered);
            return;
        }
        List<KeyEvent> difference = known.difference(listing);
        lastDelivered = listing.revision();
        if (difference.isEmpty()) {
            deliveredRevision = lastDelivered;
        } else {
            if (afterCompaction) {
                LOG.info("watch of {}: re-list at revision {} found {} changes", prefix, listing.revision(), difference.size());
            } else {
                // a periodic re-list racing the watch routinely finds changes still on their way
                LOG.debug("watch of {}: periodic re-list at revision {} found {} changes", prefix, listing.revision(),
                        difference.size());
            }
            deliver(difference);
        }
    }

    private void deliver(List<KeyEvent> events) {
        if (known != null) {
            known.record(events);
        }
        deliveredRevision = lastDelivered;
        try {
            listener.onEvents(List.copyOf(events));
        } catch (RuntimeException e) {
            LOG.error("watch listener of {} failed on {} events up to revision {}", prefix, events.size(), lastDelivered, e);
        }
    }

    private static boolean isCompaction(Throwable error) {
        return error instanceof CompactedException
                || (error != null && String.valueOf(error.getMessage()).contains("compacted"));
    }

    private void submit(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException closedAlready) {
            // the watch is closed; late callbacks from jetcd are dropped
        }
    }

    /**
     * Asks etcd to confirm how far this watch has delivered; the answer comes as {@link WatchListener#onProgress}.
     * Does nothing while the watch is not subscribed (it lists or resumes first, which tells the same).
     */
    public void requestProgress() {
        Subscription subscription = current;
        if (subscription != null && subscription.watcher != null && subscribed) {
            try {
                subscription.watcher.requestProgress();
            } catch (RuntimeException e) {
                LOG.debug("progress request on the watch of {} failed: {}", prefix, e.toString());
            }
        }
    }

    /** One jetcd watch stream. Its callbacks arrive on gRPC threads and only queue work onto the loop. */
    private final class Subscription implements Watch.Listener {
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Watch.Watcher watcher;

        @Override
        public void onNext(WatchResponse response) {
            submit(() -> onResponse(this, response));
        }

        @Override
        public void onError(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                submit(() -> onEnded(this, error));
            }
        }

        @Override
        public void onCompleted() {
            if (ended.compareAndSet(false, true)) {
                submit(() -> onEnded(this, null));
            }
        }

        void cancel() {
            ended.set(true);
            Watch.Watcher w = watcher;
            if (w != null) {
                w.close();
            }
        }
    }
}
