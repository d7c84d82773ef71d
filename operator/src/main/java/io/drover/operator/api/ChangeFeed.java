package io.drover.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes behind {@code GET /api/v1/events/stream}: applications (spec, intent, status), processes (assignment,
 * observed state), nodes and decision events, as they happen, each numbered by its etcd revision.
 *
 * <p>It follows one watch over the whole keyspace rather than the informers' eight: one watch delivers every change
 * in revision order, so event ids only grow and a client resuming from one misses nothing; the informers each run on
 * their own thread and would interleave out of order. Recent events stay in a bounded ring so that a client that
 * reconnects with {@code Last-Event-ID} gets what it missed; older than the ring, it is told to re-list ({@code reset}).
 */
final class ChangeFeed implements AutoCloseable {

    static final int DEFAULT_RING = 4096;
    /** Events a subscriber may have queued before it is dropped as too slow (it then reconnects and resumes). */
    static final int SUBSCRIBER_BACKLOG = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Keyspace keys;
    private final ObjectMapper mapper = Json.mapper();
    private final int ringSize;
    private final Deque<FeedEvent> ring = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final ResilientWatch watch;
    /** Every change after this revision is still in the ring. */
    private long floor;
    private long newest;
    private boolean closed;

    private ChangeFeed(EtcdStore store, Keyspace keys, int ringSize) {
        this.keys = keys;
        this.ringSize = ringSize;
        long now = store.currentRevision(keys.leader());
        this.floor = now;
        this.newest = now;
        // starting after the current revision skips listing the whole keyspace: only changes from now on matter
        this.watch = ResilientWatch.on(store, keys.prefix()).name("api-change-feed").startAfterRevision(now)
                .start(new Listener());
    }

    static ChangeFeed start(EtcdStore store, Keyspace keys, int ringSize) {
        if (ringSize < 1) {
            throw new IllegalArgumentException("the change feed's ring must hold at least one event");
        }
        return new ChangeFeed(store, keys, ringSize);
    }

    /** A client's queue: replayed events first, then live ones; a {@link Subscriber#END} marks the end. */
    static final class Subscriber {
        static final FeedEvent END = new FeedEvent(-1, "end", "{}");

        final BlockingQueue<FeedEvent> queue;
        private final long after;

        private Subscriber(long after, int capacity) {
            this.after = after;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        private void offer(FeedEvent event) {
            if (event.id() > after && !queue.offer(event)) {
                // too slow: tell it to re-list, then end its stream so that its thread does not block the feed
                queue.clear();
                queue.offer(new FeedEvent(event.id(), FeedEvent.RESET, "{\"reason\":\"TOO_SLOW\"}"));
                queue.offer(END);
            }
        }
    }

    /**
     * Subscribes a client that has seen every event up to {@code lastEventId} (null: none, it starts from now). What
     * it missed is queued first; if the ring no longer holds all of it, a {@code reset} is queued instead.
     */
    synchronized Subscriber subscribe(Long lastEventId) {
        if (closed) {
            throw new IllegalStateException("the change feed is closed");
        }
        boolean gone = lastEventId != null && lastEventId < floor;
        long after = lastEventId == null || gone ? newest : lastEventId;
        Subscriber subscriber = new Subscriber(after, ringSize + SUBSCRIBER_BACKLOG);
        if (gone) {
            // the ring no longer holds everything after that id: the client re-lists, then follows from now
            subscriber.queue.offer(reset("GONE", lastEventId));
        }
        subscribers.add(subscriber);
        for (FeedEvent event : ring) {
            subscriber.offer(event);
        }
        return subscriber;
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    int subscribers() {
        return subscribers.size();
    }

    /** The revision of the newest change seen. */
    synchronized long newest() {
        return newest;
    }

    private FeedEvent reset(String reason, long lastEventId) {
        // its id is the newest revision: a client that re-lists and then resumes from it misses nothing after it
        return new FeedEvent(newest, FeedEvent.RESET, "{\"reason\":\"" + reason + "\",\"lastEventId\":" + lastEventId
                + ",\"oldestResumable\":" + floor + "}");
    }

    private synchronized void publish(List<FeedEvent> events) {
        for (FeedEvent event : events) {
            ring.addLast(event);
            newest = Math.max(newest, event.id());
            while (ring.size() > ringSize) {
                floor = Math.max(floor, ring.removeFirst().id());
            }
            for (Subscriber subscriber : subscribers) {
                subscriber.offer(event);
            }
        }
    }

    @Override
    public void close() {
        watch.close();
        synchronized (this) {
            closed = true;
            for (Subscriber subscriber : subscribers) {
                subscriber.queue.clear();
                subscriber.queue.offer(Subscriber.END);
            }
        }
    }

    // --- from etcd ---

    /** The SSE event of a change, or null for keys the feed does not publish (node stats, rule sets, the leader). */
    FeedEvent toEvent(KeyEvent change) {
        ParsedKey parsed = keys.parse(change.key()).orElse(null);
        if (parsed == null) {
            return null;
        }
        String event;
        String kind;
        String name;
        String node = null;
        if (parsed instanceof ParsedKey.ApplicationKey k) {
            event = "application";
            kind = "Application";
            name = k.application();
        } else if (parsed instanceof ParsedKey.IntentKey k) {
            event = "application";
            kind = "Intent";
            name = k.application();
        } else if (parsed instanceof ParsedKey.ApplicationStatusKey k) {
            event = "application";
            kind = "ApplicationStatus";
            name = k.application();
        } else if (parsed instanceof ParsedKey.ProcessKey k) {
            event = "process";
            kind = "ProcessStatus";
            name = processName(k.process());
            node = k.process().node();
        } else if (parsed instanceof ParsedKey.AssignmentKey k) {
            event = "process";
            kind = "Assignment";
            name = processName(k.process());
            node = k.process().node();
        } else if (parsed instanceof ParsedKey.NodeKey k) {
            event = "node";
            kind = "NodeInfo";
            name = k.node();
        } else if (parsed instanceof ParsedKey.EventKey) {
            event = "event";
            kind = "Event";
            name = change.key().substring(keys.eventsPrefix().length());
        } else {
            return null;
        }
        ObjectNode data = mapper.createObjectNode();
        data.put("kind", kind);
        data.put("name", name);
        if (node != null) {
            data.put("node", node);
        }
        data.put("deleted", !change.isPut());
        if (change.isPut()) {
            try {
                JsonNode object = mapper.readTree(change.value());
                data.set("object", object);
            } catch (JsonProcessingException undecodable) {
                // the informers log undecodable values; the feed says only that the key changed
                data.putNull("object");
            }
        } else {
            data.putNull("object");
        }
        try {
            return new FeedEvent(change.modRevision(), event, mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change as JSON", e);
        }
    }

    private static String processName(ProcessRef ref) {
        return ref.application() + "/" + ref.process();
    }

    private final class Listener implements WatchListener {

        @Override
        public void onSnapshot(List<Versioned<String>> items, long revision) {
            // not called when starting after a revision; a full listing later would be a recovery: start over
            synchronized (ChangeFeed.this) {
                ring.clear();
                floor = Math.max(floor, revision);
                newest = Math.max(newest, revision);
                for (Subscriber subscriber : subscribers) {
                    subscriber.offer(new FeedEvent(revision, FeedEvent.RESET, "{\"reason\":\"RELISTED\"}"));
                }
            }
            LOG.info("change feed re-listed at revision {}: subscribers were told to re-list", revision);
        }

        @Override
        public void onEvents(List<KeyEvent> events) {
            List<FeedEvent> published = new ArrayList<>(events.size());
            for (KeyEvent change : events) {
                FeedEvent event = toEvent(change);
                if (event != null) {
                    published.add(event);
                }
            }
            if (!published.isEmpty()) {
                publish(published);
            }
        }
    }
}
