package io.drover.api.store;

import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResilientWatchIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EtcdStore store;
    private String prefix;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        prefix = etcd.freshPrefix();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ResilientWatch watch(EtcdStore over, RecordingListener listener) {
        ResilientWatch watch = ResilientWatch.on(over, prefix).name("test").start(listener);
        toClose.add(watch);
        return watch;
    }

    /** Writes are recorded as "PUT key" / "DELETE key" with the revision etcd gave them. */
    private final class Writer {
        final List<String> changes = new ArrayList<>();
        final List<Long> revisions = new ArrayList<>();

        void put(String name, int value) {
            revisions.add(store.put(prefix + name, Map.of("v", value)));
            changes.add("PUT " + prefix + name);
        }

        void delete(String name) {
            store.delete(prefix + name);
            revisions.add(store.currentRevision());
            changes.add("DELETE " + prefix + name);
        }

        long last() {
            return revisions.get(revisions.size() - 1);
        }
    }

    @Test
    void deliversASnapshotThenEveryChangeInOrderOnItsOwnThread() {
        store.put(prefix + "a", Map.of("v", 1));
        store.put(prefix + "b", Map.of("v", 1));
        RecordingListener listener = new RecordingListener();
        ResilientWatch watch = watch(store, listener);

        await().atMost(DEADLINE).until(() -> listener.snapshots.size() == 1);
        RecordingListener.Snapshot snapshot = listener.snapshots.get(0);
        assertEquals(List.of(prefix + "a", prefix + "b"), snapshot.items().stream().map(Versioned::key).toList());
        await().atMost(DEADLINE).until(() -> watch.health().subscribed());

        Writer writer = new Writer();
        writer.put("c", 1);
        writer.put("a", 2);
        writer.delete("b");

        await().atMost(DEADLINE).until(() -> listener.lastRevision() == writer.last());
        assertEquals(writer.changes, listener.described(0));
        assertEquals(writer.revisions, listener.revisions());
        assertEquals(Map.of("v", 2), listener.events.get(1).decode(Map.class));
        assertTrue(listener.threads.stream().allMatch("drover-watch-test"::equals), listener.threads::toString);
        WatchHealth health = watch.health();
        assertEquals(writer.last(), health.lastDeliveredRevision());
        assertEquals(0, health.consecutiveFailures());
        assertTrue(health.lastSubscribedAt() != null);
    }

    @Test
    void losesAndRepeatsNothingAcrossEtcdKillsAndRestarts() {
        RecordingListener listener = new RecordingListener();
        watch(store, listener);
        await().atMost(DEADLINE).until(() -> listener.snapshots.size() == 1);
        Writer writer = new Writer();

        for (int cycle = 1; cycle <= 3; cycle++) {
            for (int i = 0; i < 5; i++) {
                writer.put("k" + i, cycle);
            }
            writer.put("gone-" + cycle, cycle);
            writer.delete("gone-" + cycle);
            if (cycle == 2) {
                // this time the watcher has certainly delivered everything before the crash
                await().atMost(DEADLINE).until(() -> listener.lastRevision() == writer.last());
            }
            etcd.kill(0);
            etcd.start(0);
        }
        writer.put("after-the-last-restart", 0);

        await().atMost(DEADLINE).until(() -> listener.lastRevision() == writer.last());
        assertEquals(writer.revisions, listener.revisions(), "every write exactly once, in revision order");
        assertEquals(writer.changes, listener.described(0));
    }

    @Test
    void resumesWhenJetcdEndsTheWatchByItself() {
        RecordingListener listener = new RecordingListener();
        ResilientWatch watch = watch(store, listener);
        await().atMost(DEADLINE).until(() -> watch.health().subscribed());
        Writer writer = new Writer();

        for (int round = 0; round < 3; round++) {
            writer.put("before-" + round, round);
            watch.endSubscriptionAsJetcdWould();
            writer.put("after-" + round, round);
            await().atMost(DEADLINE).until(() -> listener.lastRevision() == writer.last());
        }
        assertEquals(writer.revisions, listener.revisions());
    }

    @Test
    void relistsAfterCompactionAndDeliversOnlyTheDifference() {
        for (String name : List.of("changed", "deleted", "untouched", "changed-twice")) {
            store.put(prefix + name, Map.of("v", 1));
        }
        try (TcpProxy proxy = TcpProxy.to(etcd.endpoint(0))) {
            EtcdStore throughProxy = EtcdStore.over(etcd.newClient(List.of(proxy.endpoint())), List.of(proxy.endpoint()));
            RecordingListener listener = new RecordingListener();
            ResilientWatch watch = watch(throughProxy, listener);
            await().atMost(DEADLINE).until(() -> watch.health().subscribed());
            assertEquals(4, listener.snapshots.get(0).items().size());

            proxy.cut();
            store.put(prefix + "changed", Map.of("v", 2));
            store.delete(prefix + "deleted");
            store.put(prefix + "new", Map.of("v", 1));
            store.put(prefix + "changed-twice", Map.of("v", 2));
            store.put(prefix + "changed-twice", Map.of("v", 3));
            store.put(prefix + "transient", Map.of("v", 1));
            store.delete(prefix + "transient");
            long compacted = etcd.compact();
            proxy.restore();

            await().atMost(DEADLINE).until(() -> watch.health().lastDeliveredRevision() >= compacted);
            assertEquals(List.of("PUT " + prefix + "changed", "PUT " + prefix + "new", "PUT " + prefix + "changed-twice",
                    "DELETE " + prefix + "deleted"), listener.described(0));
            assertEquals(Map.of("v", 3), listener.events.get(2).decode(Map.class), "the latest value, not every step");
            assertEquals(1, listener.snapshots.size(), "the difference comes as events, not a new snapshot");

            store.put(prefix + "later", Map.of("v", 1));
            await().atMost(DEADLINE).until(() -> listener.events.size() == 5);
            assertEquals("PUT " + prefix + "later", listener.described(4).get(0));
        }
    }

    @Test
    void recoversWhenStartedAfterAnAlreadyCompactedRevision() {
        long before = store.put(prefix + "x", Map.of("v", 1));
        store.put(prefix + "y", Map.of("v", 1));
        long compacted = etcd.compact();

        RecordingListener listener = new RecordingListener();
        ResilientWatch watch = ResilientWatch.on(store, prefix).startAfterRevision(before - 1).start(listener);
        toClose.add(watch);

        await().atMost(DEADLINE).until(() -> listener.snapshots.size() == 1);
        assertEquals(List.of(prefix + "x", prefix + "y"),
                listener.snapshots.get(0).items().stream().map(Versioned::key).toList(),
                "the caller's state is unknown after a compaction: it gets the whole state again");
        assertTrue(listener.snapshots.get(0).revision() >= compacted);

        long z = store.put(prefix + "z", Map.of("v", 1));
        await().atMost(DEADLINE).until(() -> listener.lastRevision() == z);
        assertEquals(List.of("PUT " + prefix + "z"), listener.described(0));
    }

    @Test
    void aPeriodicResyncNeverDeliversAChangeTwice() {
        RecordingListener listener = new RecordingListener();
        ResilientWatch watch = ResilientWatch.on(store, prefix).resyncEvery(Duration.ofMillis(20)).start(listener);
        toClose.add(watch);
        await().atMost(DEADLINE).until(() -> watch.health().subscribed());

        Writer writer = new Writer();
        for (int i = 0; i < 60; i++) {
            // distinct keys: a re-list racing the watch may deliver a change itself, but only once
            writer.put("k" + i, i);
        }
        await().atMost(DEADLINE).until(() -> listener.lastRevision() == writer.last());
        assertEquals(writer.revisions, listener.revisions());
    }

    @Test
    void aSlowListenerDelaysDeliveryButNeverReordersIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener recorder = new RecordingListener();
        WatchListener slow = new WatchListener() {
            @Override
            public void onSnapshot(List<Versioned<String>> items, long revision) {
                recorder.onSnapshot(items, revision);
            }

            @Override
            public void onEvents(List<KeyEvent> events) {
                try {
                    // blocks the watch's thread, as a listener stuck on a slow call would
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorder.onEvents(events);
            }
        };
        ResilientWatch watch = ResilientWatch.on(store, prefix).name("slow").start(slow);
        toClose.add(watch);
        await().atMost(DEADLINE).until(() -> watch.health().subscribed());

        Writer writer = new Writer();
        for (int i = 0; i < 50; i++) {
            writer.put("k" + (i % 7), i);
        }
        release.countDown();

        await().atMost(DEADLINE).until(() -> recorder.lastRevision() == writer.last());
        assertEquals(writer.revisions, recorder.revisions());
    }
}
