package io.drover.api.store;

import io.drover.api.keyspace.Keyspace;
import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseKeeperIT {

    private static final Duration TTL = Duration.ofSeconds(2);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    /** A node agent's registration: its node key, published under whatever lease it holds. */
    private final class Registration implements LeaseKeeper.Listener {
        final List<Long> granted = new CopyOnWriteArrayList<>();
        final List<Long> lost = new CopyOnWriteArrayList<>();

        @Override
        public void onLease(long leaseId) {
            store.put(keys.node("n1"), Map.of("nodeId", "n1"), leaseId);
            granted.add(leaseId);
        }

        @Override
        public void onLeaseLost(long leaseId) {
            lost.add(leaseId);
        }
    }

    @Test
    void keepsTheLeaseAliveWellPastItsTtl() {
        Registration registration = new Registration();
        try (LeaseKeeper keeper = LeaseKeeper.start(store, TTL, "n1", registration)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> keeper.leaseId() != 0);
            long lease = keeper.leaseId();
            long renewedUntil = System.nanoTime() + TTL.multipliedBy(2).toNanos();
            // three TTLs without a loss: jetcd's keep-alive refreshed it and the keeper believed it
            await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - renewedUntil > 0
                    && store.leaseTimeToLive(lease).isPresent());
            assertEquals(List.of(lease), registration.granted);
            assertEquals(List.of(), registration.lost);
            assertEquals(lease, store.getRaw(keys.node("n1")).orElseThrow().leaseId());
        }
        assertTrue(store.getRaw(keys.node("n1")).isEmpty(), "closing the keeper revokes the lease and its keys");
    }

    @Test
    void getsANewLeaseAndRepublishesAfterEtcdWasDownLongerThanTheTtl() {
        Registration registration = new Registration();
        try (LeaseKeeper keeper = LeaseKeeper.start(store, TTL, "n1", registration)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> keeper.leaseId() != 0);
            long first = keeper.leaseId();

            etcd.kill(0);
            // the keeper's own deadline (or jetcd ending the stream) declares the loss while etcd is still down
            await().atMost(TTL.plusSeconds(3)).until(() -> registration.lost.contains(first));
            assertEquals(0, keeper.leaseId(), "no lease is claimed while none is held");
            etcd.start(0);

            await().atMost(Duration.ofSeconds(20)).until(() -> keeper.leaseId() != 0 && keeper.leaseId() != first);
            long second = keeper.leaseId();
            assertNotEquals(first, second);
            assertEquals(List.of(first, second), registration.granted);
            Versioned<String> node = store.getRaw(keys.node("n1")).orElseThrow();
            assertEquals(second, node.leaseId(), "the key is re-published under the new lease");
            // etcd restarted the old lease with a fresh TTL; the keeper revokes it rather than let it linger
            await().atMost(Duration.ofSeconds(5)).until(() -> store.leaseTimeToLive(first).isEmpty());
        }
    }

    @Test
    void republishesWhenTheLeaseIsRevokedBehindItsBack() {
        Registration registration = new Registration();
        try (LeaseKeeper keeper = LeaseKeeper.start(store, TTL, "n1", registration)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> keeper.leaseId() != 0);
            long first = keeper.leaseId();

            store.revokeLease(first);

            await().atMost(Duration.ofSeconds(10)).until(() -> keeper.leaseId() != 0 && keeper.leaseId() != first);
            assertEquals(List.of(first), registration.lost);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.getRaw(keys.node("n1"))
                    .map(node -> node.leaseId() == keeper.leaseId()).orElse(false));
        }
    }

    @Test
    void callsThePublisherAgainUntilItSucceeds() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        LeaseKeeper.Listener flaky = leaseId -> {
            attempts.add(leaseId);
            if (attempts.size() < 3) {
                throw new IllegalStateException("etcd hiccup " + attempts.size());
            }
            store.put(keys.node("n1"), Map.of("nodeId", "n1"), leaseId);
        };
        try (LeaseKeeper keeper = LeaseKeeper.start(store, TTL, "n1", flaky)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> keeper.leaseId() != 0);
            assertEquals(3, attempts.size());
            assertEquals(1, attempts.stream().distinct().count(), "the same lease while it lives");
            assertTrue(store.getRaw(keys.node("n1")).isPresent());
        }
    }
}
