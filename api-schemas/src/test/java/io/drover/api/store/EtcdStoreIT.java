package io.drover.api.store;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.LeaderRecord;
import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtcdStoreIT {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    private static Intent intent(String requestId) {
        return new Intent(DesiredState.RUNNING, "CONFIG", null, requestId, Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void getsAndListsTypedValuesWithTheirRevisions() {
        assertTrue(store.get(keys.intent("absent"), Intent.class).isEmpty());
        long first = store.put(keys.intent("a"), intent("r1"));
        long second = store.put(keys.intent("b"), intent("r2"));
        store.put(keys.application("not-an-intent"), Map.of("other", "kind"));

        Versioned<Intent> a = store.get(keys.intent("a"), Intent.class).orElseThrow();
        assertEquals(intent("r1"), a.value());
        assertEquals(first, a.modRevision());
        assertEquals(first, a.createRevision());
        assertEquals(1, a.version());
        assertEquals(0, a.leaseId());

        Listing<Intent> listing = store.list(keys.intentsPrefix(), Intent.class);
        assertEquals(List.of(keys.intent("a"), keys.intent("b")), listing.items().stream().map(Versioned::key).toList());
        assertEquals(List.of(intent("r1"), intent("r2")), listing.values());
        assertTrue(listing.revision() >= second, "a listing carries the store revision it was taken at");
        assertEquals(listing.revision(), store.currentRevision());
    }

    @Test
    void createsOnlyIfAbsent() {
        String key = keys.intent("web");
        WriteResult<Intent> created = store.create(key, intent("first"));
        assertTrue(created.written());

        WriteResult<Intent> again = store.create(key, intent("second"));
        assertEquals(WriteResult.Outcome.KEY_CHANGED, again.outcome());
        assertEquals(intent("first"), again.current().orElseThrow().value(), "a refused create shows what is there");
        assertEquals(created.revision(), again.current().orElseThrow().modRevision());
        assertEquals(intent("first"), store.get(key, Intent.class).orElseThrow().value());

        String untyped = keys.node("n1");
        assertTrue(store.create(untyped, Map.of("nodeId", "n1")).written());
        assertEquals(Map.of("nodeId", "n1"), store.create(untyped, Map.of("nodeId", "other")).current().orElseThrow().value(),
                "plain maps are read back as maps");
    }

    @Test
    void comparesAndSetsOnModRevision() {
        String key = keys.intent("web");
        long v1 = store.put(key, intent("v1"));

        WriteResult<Intent> fresh = store.compareAndSet(key, v1, intent("v2"));
        assertTrue(fresh.written());
        assertEquals(fresh.revision(), store.get(key, Intent.class).orElseThrow().modRevision());

        WriteResult<Intent> stale = store.compareAndSet(key, v1, intent("v3"));
        assertEquals(WriteResult.Outcome.KEY_CHANGED, stale.outcome());
        assertEquals(intent("v2"), stale.current().orElseThrow().value());
        assertEquals(fresh.revision(), stale.current().orElseThrow().modRevision());

        assertEquals(WriteResult.Outcome.KEY_CHANGED, store.compareAndSet(keys.intent("gone"), 5, intent("x")).outcome(),
                "a key that does not exist has mod_revision 0, never 5");
        assertTrue(store.compareAndSet(keys.intent("gone"), 0, intent("x")).written(), "0 means: only if absent");
    }

    @Test
    void fencedWritesFailOnceTheLeaderKeyWasRecreated() {
        String leader = keys.leader();
        long epoch = store.create(leader, new LeaderRecord("op-a", 0, Instant.now())).revision();
        List<io.etcd.jetcd.op.Cmp> fence = List.of(Guards.leaderEpoch(leader, epoch));
        String key = keys.applicationStatus("web");

        assertTrue(store.put(key, intent("as-leader"), 0, fence).written());
        long current = store.get(key, Intent.class).orElseThrow().modRevision();
        assertTrue(store.compareAndSet(key, current, intent("still-leader"), fence).written());

        // another operator wins a new election: the key exists again, with another create revision
        store.delete(leader);
        store.create(leader, new LeaderRecord("op-b", 0, Instant.now()));

        long now = store.get(key, Intent.class).orElseThrow().modRevision();
        WriteResult<Intent> ousted = store.compareAndSet(key, now, intent("ousted"), fence);
        assertEquals(WriteResult.Outcome.GUARD_FAILED, ousted.outcome(), "the key was as expected; the fence refused");
        assertEquals(WriteResult.Outcome.GUARD_FAILED, store.put(key, intent("ousted"), 0, fence).outcome());
        assertEquals(WriteResult.Outcome.GUARD_FAILED, store.delete(key, fence).outcome());
        assertEquals(WriteResult.Outcome.GUARD_FAILED, store.compareAndDelete(key, now, fence).outcome());
        assertEquals(intent("still-leader"), store.get(key, Intent.class).orElseThrow().value());

        assertEquals(WriteResult.Outcome.KEY_CHANGED, store.compareAndDelete(key, now - 1, List.of()).outcome());
        assertTrue(store.compareAndDelete(key, now, List.of()).written());
        assertTrue(store.get(key, Intent.class).isEmpty());
    }

    @Test
    void keysBoundToALeaseGoWhenItIsRevoked() {
        long lease = store.grantLease(Duration.ofSeconds(30));
        String node = keys.node("n1");
        String stats = keys.nodeStats("n1");
        store.put(node, Map.of("nodeId", "n1"), lease);
        assertTrue(store.create(stats, Map.of("cpu", 0.5), lease, List.of()).written());
        assertEquals(lease, store.getRaw(node).orElseThrow().leaseId());
        assertTrue(store.leaseTimeToLive(lease).isPresent());

        assertTrue(store.revokeLease(lease));

        assertTrue(store.getRaw(node).isEmpty());
        assertTrue(store.getRaw(stats).isEmpty());
        assertTrue(store.leaseTimeToLive(lease).isEmpty());
        assertFalse(store.revokeLease(lease), "revoking a lease that is gone is not an error");
        StoreException e = assertThrows(StoreException.class, () -> store.put(node, Map.of("x", 1), lease));
        assertEquals(StoreException.Reason.REJECTED, e.reason());
    }

    @Test
    void deletesOneKeyOrAWholePrefix() {
        for (String node : List.of("n1", "n2")) {
            for (String process : List.of("p1", "p2", "p3")) {
                store.put(keys.assignment(node, "web", process), Map.of("desired", "RUNNING"));
            }
        }
        assertTrue(store.delete(keys.assignment("n2", "web", "p1")));
        assertFalse(store.delete(keys.assignment("n2", "web", "p1")));
        assertEquals(3, store.deletePrefix(keys.assignmentsPrefix("n1")));
        assertEquals(List.of(keys.assignment("n2", "web", "p2"), keys.assignment("n2", "web", "p3")),
                store.listRaw(keys.assignmentsPrefix()).items().stream().map(Versioned::key).toList());
        assertThrows(IllegalArgumentException.class, () -> store.deletePrefix(""));
    }

    @Test
    void appliesSeveralOperationsInOneTransaction() {
        String a = keys.intent("a");
        String b = keys.intent("b");
        store.put(b, intent("old"));
        var response = store.txn("apply a plan", List.of(Guards.absent(a), Guards.present(b)),
                List.of(store.putOp(a, intent("new"), 0), EtcdStore.deleteOp(b)), List.of());
        assertTrue(response.isSucceeded());
        assertTrue(store.get(a, Intent.class).isPresent());
        assertTrue(store.get(b, Intent.class).isEmpty());
    }

    @Test
    void aValueThatIsNotValidJsonOfTheTypeNamesItsKey() {
        String key = keys.intent("broken");
        store.put(key, Map.of("desired", "RUNNING", "unexpected", true));
        StoreException e = assertThrows(StoreException.class, () -> store.get(key, Intent.class));
        assertEquals(StoreException.Reason.UNDECODABLE, e.reason());
        assertEquals(key, e.key().orElseThrow());
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("Intent"), e.getMessage());
        assertThrows(StoreException.class, () -> store.list(keys.intentsPrefix(), Intent.class));
        assertEquals(1, store.listRaw(keys.intentsPrefix()).items().size(), "the raw value can still be read and repaired");
    }

    @Test
    void givesUpWithinItsTimeoutWhenEtcdIsStopped() {
        EtcdStore impatient = store.withTimeout(Duration.ofSeconds(1));
        String key = keys.intent("web");
        impatient.put(key, intent("before"));
        etcd.stop(0);

        long started = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> impatient.put(key, intent("during")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "gave up after " + took);
        assertTrue(e.reason() == StoreException.Reason.TIMEOUT || e.reason() == StoreException.Reason.UNAVAILABLE, e.reason()::name);
        assertTrue(e.outcomeUnknown());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(etcd.endpoint(0)), e.getMessage());
        assertTrue(e.getMessage().contains("endpoint health"), e.getMessage());

        StoreException read = assertThrows(StoreException.class, () -> impatient.get(key, Intent.class));
        assertTrue(read.getMessage().contains(key), read.getMessage());
    }

    @Test
    void givesUpWithinItsTimeoutWhenTheNetworkSilentlyDropsEverything() {
        try (TcpProxy proxy = TcpProxy.to(etcd.endpoint(0))) {
            EtcdStore throughProxy = EtcdStore.over(etcd.newClient(List.of(proxy.endpoint())), List.of(proxy.endpoint()),
                    Duration.ofSeconds(1));
            String key = keys.intent("web");
            throughProxy.put(key, intent("before"));
            proxy.blackhole();

            long started = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> throughProxy.put(key, intent("during")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(StoreException.Reason.TIMEOUT, e.reason());
            assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "gave up after " + took);
            assertTrue(e.getMessage().contains("may still be applied"), e.getMessage());

            proxy.restore();
        }
    }
}
