package io.drover.api.store;

import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same store against etcd in a container; skipped where no Docker engine runs. */
class ContainerEtcdSmokeIT {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.containers(1);

    @Test
    void storesAndReadsBackAcrossAMemberRestart() {
        EtcdStore store = etcd.store();
        String key = etcd.freshPrefix() + "k";
        long revision = store.put(key, Map.of("v", 1));
        etcd.kill(0);
        etcd.start(0);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> store.getRaw(key).orElseThrow().modRevision() == revision);
        assertEquals(revision, store.getRaw(key).orElseThrow().modRevision());
    }
}
