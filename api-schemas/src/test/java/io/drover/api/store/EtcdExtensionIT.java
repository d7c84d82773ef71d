package io.drover.api.store;

import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The etcd extension every store test relies on: real processes, killed and restarted with their data. */
class EtcdExtensionIT {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @Test
    void killedAndStoppedMembersComeBackWithTheirDataOnTheSameEndpoint() {
        EtcdStore store = etcd.store();
        String key = etcd.freshPrefix() + "survivor";
        long revision = store.put(key, Map.of("v", 1));
        String endpoint = etcd.endpoint(0);
        long pid = etcd.pid(0);
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        etcd.kill(0);
        assertFalse(etcd.isRunning(0));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "SIGKILL ends the process");

        etcd.start(0);
        assertNotEquals(pid, etcd.pid(0));
        assertEquals(endpoint, etcd.endpoint(0));
        assertEquals(revision, store.getRaw(key).orElseThrow().modRevision(), "acknowledged writes survive a crash");

        etcd.restart(0);
        assertTrue(etcd.isRunning(0));
        assertEquals(revision, store.getRaw(key).orElseThrow().modRevision());
    }

    @Test
    void compactsTheHistoryUpToNow() {
        EtcdStore store = etcd.store();
        long written = store.put(etcd.freshPrefix() + "k", Map.of("v", 1));
        long compacted = etcd.compact();
        assertTrue(compacted >= written);
        assertEquals(compacted, store.currentRevision(), "compaction writes nothing");
    }
}
