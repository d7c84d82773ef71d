package io.drover.operator.informer;

import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.StoreException;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchHealth;
import io.drover.api.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A typed cache of every key under one prefix, kept up to date by a {@link ResilientWatch}.
 *
 * <ul>
 * <li>{@link #snapshot()} is an immutable sorted map, replaced as a whole after each batch of changes: readers never
 * lock and always see the state at one revision.</li>
 * <li>{@link #hasSynced()} turns true once the first listing is in the cache; a reconciler must not act on an
 * unsynced cache (an empty cache looks like "everything was deleted").</li>
 * <li>Handlers hear each add, update and delete after the snapshot shows it. When the watch has to re-list (after a
 * compaction), they hear the difference, so they miss no end state, only intermediate values.</li>
 * <li>A value that cannot be decoded as {@code T} is logged once with its key and skipped: a new key stays absent, a
 * key that was readable keeps its last readable value, and {@link #undecodableKeys()} lists it.</li>
 * </ul>
 * The {@link Versioned#version()} of cached values is always 0: watch events do not carry it. Use the revisions.
 */
public final class Informer<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);

    private final String name;
    private final String prefix;
    private final Class<T> type;
    private final List<ChangeHandler<T>> handlers;
    private final DecodeFailures decodeFailures;
    private final CountDownLatch synced = new CountDownLatch(1);
    private final ResilientWatch.Builder watchBuilder;
    private volatile ResilientWatch watch;
    private volatile boolean closed;

    private volatile NavigableMap<String, Versioned<T>> cache = Collections.emptyNavigableMap();
    private volatile long revision;

    private Informer(Builder<T> builder) {
        this.name = builder.name != null ? builder.name : builder.prefix;
        this.prefix = builder.prefix;
        this.type = builder.type;
        this.handlers = List.copyOf(builder.handlers);
        this.decodeFailures = new DecodeFailures(name);
        this.watchBuilder = ResilientWatch.on(builder.store, prefix).name("informer-" + name);
        if (builder.relistEvery != null) {
            watchBuilder.resyncEvery(builder.relistEvery);
        }
    }

    /** Starts listing and watching, once; returns at once. */
    public synchronized Informer<T> start() {
        if (watch == null && !closed) {
            watch = watchBuilder.start(new Listener());
        }
        return this;
    }

    /** Starts describing an informer of every key under {@code prefix}, decoded as {@code type}. */
    public static <T> Builder<T> on(EtcdStore store, String prefix, Class<T> type) {
        return new Builder<>(store, prefix, type);
    }

    public static final class Builder<T> {
        private final EtcdStore store;
        private final String prefix;
        private final Class<T> type;
        private final List<ChangeHandler<T>> handlers = new ArrayList<>();
        private String name;
        private Duration relistEvery;

        private Builder(EtcdStore store, String prefix, Class<T> type) {
            this.store = Objects.requireNonNull(store, "store");
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Names the informer in logs and thread names; the prefix otherwise. */
        public Builder<T> name(String newName) {
            this.name = newName;
            return this;
        }

        /** Adds a handler; handlers are fixed at start, so that none misses the first listing. */
        public Builder<T> handler(ChangeHandler<T> handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Also re-lists every {@code period} as a safety net against a silently stuck watch; off by default. */
        public Builder<T> relistEvery(Duration period) {
            this.relistEvery = period;
            return this;
        }

        /** The informer, not started yet: {@link Informer#start()} it once everything its handlers use is ready. */
        public Informer<T> build() {
            return new Informer<>(this);
        }

        /** The informer, started. */
        public Informer<T> start() {
            return build().start();
        }
    }

    // --- reads, from any thread ---

    /** The cached keys and values at {@link #revision()}, sorted by key; immutable. */
    public NavigableMap<String, Versioned<T>> snapshot() {
        return cache;
    }

    public Optional<Versioned<T>> get(String key) {
        return Optional.ofNullable(cache.get(key));
    }

    /** The cached entries whose key starts with {@code keyPrefix} (such as one node's assignments). */
    public NavigableMap<String, Versioned<T>> withPrefix(String keyPrefix) {
        return withPrefix(cache, keyPrefix);
    }

    static <V> NavigableMap<String, V> withPrefix(NavigableMap<String, V> map, String keyPrefix) {
        return map.subMap(keyPrefix, true, keyPrefix + Character.MAX_VALUE, false);
    }

    /** The etcd revision the cache reflects; 0 before the first listing. */
    public long revision() {
        return revision;
    }

    /** Asks etcd to confirm how far this cache is complete; {@link #revision()} moves up when it answers. */
    public void requestProgress() {
        ResilientWatch current = watch;
        if (current != null) {
            current.requestProgress();
        }
    }

    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits until the first listing is in the cache; returns false if it was not within {@code timeout}. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Keys whose current value could not be decoded. */
    public Set<String> undecodableKeys() {
        return decodeFailures.keys();
    }

    /** How the underlying watch is doing; empty before {@link #start()}. */
    public Optional<WatchHealth> health() {
        ResilientWatch current = watch;
        return current == null ? Optional.empty() : Optional.of(current.health());
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }

    @Override
    public String toString() {
        return "Informer[" + name + ", " + cache.size() + " keys at revision " + revision + "]";
    }

    // --- updates, on the watch's thread ---

    private record Change<T>(String key, Versioned<T> oldValue, Versioned<T> newValue) {
    }

    private final class Listener implements WatchListener {

        @Override
        public void onSnapshot(List<Versioned<String>> items, long listedAt) {
            // a complete state: whatever the cache holds that the listing lacks is gone
            TreeMap<String, Versioned<T>> next = new TreeMap<>();
            List<Change<T>> changes = new ArrayList<>();
            for (Versioned<String> item : items) {
                Versioned<T> old = cache.get(item.key());
                Versioned<T> decoded = decode(item.key(), item.value(), item.modRevision(), item.createRevision(), item.leaseId());
                if (decoded == null) {
                    if (old != null) {
                        next.put(item.key(), old);
                    }
                    continue;
                }
                next.put(item.key(), decoded);
                if (old == null || old.modRevision() != decoded.modRevision()) {
                    changes.add(new Change<>(item.key(), old, decoded));
                }
            }
            for (Map.Entry<String, Versioned<T>> held : cache.entrySet()) {
                if (!next.containsKey(held.getKey())) {
                    changes.add(new Change<>(held.getKey(), held.getValue(), null));
                }
            }
            publish(next, listedAt, changes);
            if (!hasSynced()) {
                synced.countDown();
                LOG.debug("informer {} synced: {} keys at revision {}", name, next.size(), listedAt);
            }
        }

        @Override
        public void onEvents(List<KeyEvent> events) {
            TreeMap<String, Versioned<T>> next = new TreeMap<>(cache);
            List<Change<T>> changes = new ArrayList<>(events.size());
            long newest = revision;
            for (KeyEvent event : events) {
                newest = Math.max(newest, event.modRevision());
                if (event.isPut()) {
                    Versioned<T> decoded = decode(event.key(), event.value(), event.modRevision(), event.createRevision(),
                            event.leaseId());
                    if (decoded == null) {
                        continue;
                    }
                    Versioned<T> old = next.put(event.key(), decoded);
                    if (old == null || old.modRevision() != decoded.modRevision()) {
                        changes.add(new Change<>(event.key(), old, decoded));
                    }
                } else {
                    decodeFailures.cleared(event.key());
                    Versioned<T> old = next.remove(event.key());
                    if (old != null) {
                        changes.add(new Change<>(event.key(), old, null));
                    }
                }
            }
            publish(next, newest, changes);
        }

        @Override
        public void onProgress(long confirmed) {
            if (confirmed > revision) {
                // nothing under the prefix changed up to there: the same cache, known complete to a later revision
                revision = confirmed;
            }
        }

        private Versioned<T> decode(String key, String json, long modRevision, long createRevision, long leaseId) {
            try {
                T value = ValueCodec.decode(key, modRevision, json, type);
                decodeFailures.cleared(key);
                return new Versioned<>(key, value, modRevision, createRevision, 0, leaseId);
            } catch (StoreException e) {
                decodeFailures.failed(key, modRevision, e);
                return null;
            }
        }

        private void publish(TreeMap<String, Versioned<T>> next, long atRevision, List<Change<T>> changes) {
            cache = Collections.unmodifiableNavigableMap(next);
            revision = atRevision;
            for (Change<T> change : changes) {
                for (ChangeHandler<T> handler : handlers) {
                    try {
                        handler.onChange(change.key(), change.oldValue(), change.newValue());
                    } catch (RuntimeException e) {
                        LOG.error("informer {}: a handler failed on {}", name, change.key(), e);
                    }
                }
            }
        }
    }
}
