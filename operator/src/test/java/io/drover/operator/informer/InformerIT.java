package io.drover.operator.informer;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InformerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EtcdStore store;
    private Keyspace keys;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static Intent intent(String requestId) {
        return new Intent(DesiredState.RUNNING, null, null, requestId, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Records every change as "ADD app r1", "UPDATE app r1->r2", "DELETE app r2", and whether the informer's
     * snapshot already showed it when the handler was called.
     */
    private final class Recorder implements ChangeHandler<Intent> {
        final List<String> changes = new CopyOnWriteArrayList<>();
        final List<String> notYetVisible = new CopyOnWriteArrayList<>();
        final AtomicReference<Informer<Intent>> informer = new AtomicReference<>();

        @Override
        public void onChange(String key, Versioned<Intent> oldValue, Versioned<Intent> newValue) {
            String app = key.substring(keys.intentsPrefix().length());
            if (oldValue == null) {
                changes.add("ADD " + app + " " + newValue.value().requestId());
            } else if (newValue == null) {
                changes.add("DELETE " + app + " " + oldValue.value().requestId());
            } else {
                changes.add("UPDATE " + app + " " + oldValue.value().requestId() + "->" + newValue.value().requestId());
            }
            Informer<Intent> self = informer.get();
            if (self != null && !visible(self.get(key), oldValue, newValue)) {
                notYetVisible.add(key);
            }
        }

        /** The snapshot shows this change, or a later one of the same key (several changes may come in one batch). */
        private boolean visible(Optional<Versioned<Intent>> seen, Versioned<Intent> oldValue, Versioned<Intent> newValue) {
            if (newValue == null) {
                return seen.map(v -> v.modRevision() > oldValue.modRevision()).orElse(true);
            }
            return seen.map(v -> v.modRevision() >= newValue.modRevision()).orElse(false);
        }
    }

    private Informer<Intent> inform(EtcdStore over, Recorder recorder) {
        Informer<Intent> informer = Informer.on(over, keys.intentsPrefix(), Intent.class).name("intents").handler(recorder).build();
        recorder.informer.set(informer);
        toClose.add(informer);
        return informer.start();
    }

    private Map<String, String> cachedRequestIds(Informer<Intent> informer) {
        Map<String, String> ids = new TreeMap<>();
        informer.snapshot().forEach((key, value) -> ids.put(key.substring(keys.intentsPrefix().length()), value.value().requestId()));
        return ids;
    }

    @Test
    void listsThenSeesAddsUpdatesAndDeletes() {
        store.put(keys.intent("web"), intent("r1"));
        Recorder recorder = new Recorder();
        Informer<Intent> informer = inform(store, recorder);

        await().atMost(DEADLINE).until(informer::hasSynced);
        assertEquals(List.of("ADD web r1"), recorder.changes);
        assertEquals(Map.of("web", "r1"), cachedRequestIds(informer));

        store.put(keys.intent("db"), intent("r2"));
        store.put(keys.intent("web"), intent("r3"));
        long last = store.put(keys.intent("web"), intent("r4"));
        store.delete(keys.intent("db"));
        long deletedAt = store.currentRevision();

        await().atMost(DEADLINE).until(() -> recorder.changes.size() == 5);
        assertEquals(List.of("ADD web r1", "ADD db r2", "UPDATE web r1->r3", "UPDATE web r3->r4", "DELETE db r2"), recorder.changes);
        assertEquals(Map.of("web", "r4"), cachedRequestIds(informer));
        assertEquals(last, informer.get(keys.intent("web")).orElseThrow().modRevision());
        assertEquals(deletedAt, informer.revision());
        assertEquals(List.of(), recorder.notYetVisible, "handlers run after the snapshot shows the change");
        assertThrows(UnsupportedOperationException.class, () -> informer.snapshot().remove(keys.intent("web")));
    }

    @Test
    void skipsValuesItCannotDecodeAndLogsThem() {
        store.put(keys.intent("good"), intent("r1"));
        store.put(keys.intent("bad"), Map.of("nonsense", 1));
        Recorder recorder = new Recorder();
        Informer<Intent> informer = inform(store, recorder);

        await().atMost(DEADLINE).until(informer::hasSynced);
        assertEquals(Map.of("good", "r1"), cachedRequestIds(informer));
        assertEquals(Set.of(keys.intent("bad")), informer.undecodableKeys());

        // a readable key overwritten with garbage keeps its last readable value
        store.put(keys.intent("good"), Map.of("nonsense", 2));
        await().atMost(DEADLINE).until(() -> informer.undecodableKeys().contains(keys.intent("good")));
        assertEquals(Map.of("good", "r1"), cachedRequestIds(informer));

        store.put(keys.intent("bad"), intent("r2"));
        store.put(keys.intent("good"), intent("r3"));
        await().atMost(DEADLINE).until(() -> informer.undecodableKeys().isEmpty());
        assertEquals(Map.of("bad", "r2", "good", "r3"), cachedRequestIds(informer));
        assertEquals(List.of("ADD good r1", "ADD bad r2", "UPDATE good r1->r3"), recorder.changes);
    }

    @Test
    void missesNoChangeAcrossAnEtcdRestart() {
        Recorder recorder = new Recorder();
        Informer<Intent> informer = inform(store, recorder);
        await().atMost(DEADLINE).until(informer::hasSynced);
        store.put(keys.intent("before"), intent("r1"));
        await().atMost(DEADLINE).until(() -> recorder.changes.size() == 1);

        etcd.kill(0);
        etcd.start(0);
        store.put(keys.intent("after"), intent("r2"));
        store.put(keys.intent("before"), intent("r3"));

        await().atMost(DEADLINE).until(() -> recorder.changes.size() == 3);
        assertEquals(List.of("ADD before r1", "ADD after r2", "UPDATE before r1->r3"), recorder.changes);
        assertEquals(Map.of("after", "r2", "before", "r3"), cachedRequestIds(informer));
    }

    @Test
    void catchesUpAfterBeingCutOffEvenWhenTheHistoryWasCompactedMeanwhile() {
        TcpProxy proxy = TcpProxy.to(etcd.endpoint(0));
        toClose.add(proxy);
        EtcdStore throughProxy = EtcdStore.over(etcd.newClient(List.of(proxy.endpoint())), List.of(proxy.endpoint()),
                Duration.ofSeconds(2));
        store.put(keys.intent("kept"), intent("r1"));
        store.put(keys.intent("changed"), intent("r1"));
        store.put(keys.intent("deleted"), intent("r1"));
        Recorder recorder = new Recorder();
        Informer<Intent> informer = inform(throughProxy, recorder);
        await().atMost(DEADLINE).until(informer::hasSynced);
        recorder.changes.clear();

        proxy.cut();
        store.put(keys.intent("added"), intent("r2"));
        store.put(keys.intent("changed"), intent("r2"));
        store.put(keys.intent("changed"), intent("r3"));
        store.delete(keys.intent("deleted"));
        etcd.compact();
        proxy.restore();

        Map<String, String> expected = Map.of("kept", "r1", "changed", "r3", "added", "r2");
        await().atMost(DEADLINE).until(() -> cachedRequestIds(informer).equals(expected));
        // after a compaction only the end state is known: r2 of "changed" may be skipped, nothing else is
        assertTrue(recorder.changes.contains("ADD added r2"), recorder.changes.toString());
        assertTrue(recorder.changes.contains("DELETE deleted r1"), recorder.changes.toString());
        List<String> updates = recorder.changes.stream().filter(c -> c.startsWith("UPDATE changed")).toList();
        assertFalse(updates.isEmpty(), recorder.changes.toString());
        assertTrue(updates.get(updates.size() - 1).endsWith("->r3"), recorder.changes.toString());
        assertFalse(recorder.changes.stream().anyMatch(c -> c.contains("kept")), "unchanged keys are not reported again");
        assertEquals(List.of(), recorder.notYetVisible);
    }
}
