package io.drover.api.store;

import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtcdClusterIT {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.cluster(3);

    @Test
    void writesAndWatchGoOnWhenTheLeaderIsKilled() {
        EtcdStore store = etcd.store();
        String prefix = etcd.freshPrefix();
        RecordingListener listener = new RecordingListener();
        List<Long> written = new ArrayList<>();
        try (ResilientWatch watch = ResilientWatch.on(store, prefix).start(listener)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.health().subscribed());
            for (int i = 0; i < 5; i++) {
                written.add(store.put(prefix + "before-" + i, Map.of("v", i)));
            }

            int leader = etcd.leader();
            etcd.kill(leader);
            assertFalse(etcd.isRunning(leader));

            // a write forwarded to the dead leader is lost and times out; retried as create-if-absent, a late
            // landing of the lost attempt cannot write the key twice
            EtcdStore impatient = store.withTimeout(Duration.ofSeconds(1));
            for (int i = 0; i < 5; i++) {
                written.add(createRetrying(impatient, prefix + "after-" + i, Map.of("v", i)));
            }
            int newLeader = etcd.leader();
            assertTrue(newLeader != leader);

            await().atMost(Duration.ofSeconds(20)).until(() -> listener.lastRevision() == written.get(written.size() - 1));
            assertEquals(written, listener.revisions(), "every write seen once, in order, across the failover");
            assertEquals(10, store.listRaw(prefix).items().size());
        }
    }

    /** Creates {@code key}, retrying until etcd answers; returns the revision of the one write that created it. */
    private static long createRetrying(EtcdStore store, String key, Map<String, Integer> value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                WriteResult<Map<String, Integer>> result = store.create(key, value);
                return result.written() ? result.revision() : result.current().orElseThrow().modRevision();
            } catch (StoreException e) {
                if (!e.outcomeUnknown() || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aKilledFollowerRejoinsWithItsDataAndCatchesUp() {
        EtcdStore store = etcd.store();
        String prefix = etcd.freshPrefix();
        int follower = (etcd.leader() + 1) % etcd.size();
        etcd.kill(follower);
        long revision = store.put(prefix + "while-it-was-down", Map.of("v", 1));
        etcd.start(follower);

        List<String> onlyThatMember = List.of(etcd.endpoint(follower));
        EtcdStore throughIt = EtcdStore.over(etcd.newClient(onlyThatMember), onlyThatMember);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> throughIt.getRaw(prefix + "while-it-was-down").orElseThrow().modRevision() == revision);
    }
}
