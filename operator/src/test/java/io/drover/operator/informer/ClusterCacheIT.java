package io.drover.operator.informer;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCacheIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;
    private ClusterCache cache;
    private final Set<String> enqueued = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() {
        if (cache != null) {
            cache.close();
        }
    }

    private static NodeInfo node(String id) {
        return new NodeInfo(id, "host-" + id, List.of(), 100, URI.create("http://" + id + ":7000"), "0.1", T0);
    }

    @Test
    void enqueuesTheApplicationsEachChangeConcerns() throws InterruptedException {
        store.put(keys.application("web"), Application.of("web", ApplicationSpec.ofPrograms(List.of(ProgramSpec.of("front", "run")))));
        store.put(keys.assignment("n1", "web", "front"), new Assignment(DesiredState.RUNNING, "h1", 7, "web", "front", T0, null));
        store.put(keys.process("n1", "db", "main"),
                new ProcessStatus(ProcessState.RUNNING, 42L, T0, null, null, false, null, 0, T0));
        store.put(keys.intent("batch"), new Intent(DesiredState.STOPPED, null, null, "r1", T0));
        store.put(keys.node("n1"), node("n1"));

        cache = ClusterCache.start(store, keys, enqueued::add);
        assertTrue(cache.awaitSynced(DEADLINE));
        await().atMost(DEADLINE).until(() -> enqueued.containsAll(Set.of("web", "db", "batch")));
        assertEquals(Set.of("web", "db", "batch"), cache.allApplications(), "db is an orphan: only a process left");
        assertEquals(Set.of("web", "db"), cache.applicationsOn("n1"));
        assertEquals(Set.of(), cache.applicationsOn("n2"));
        assertTrue(cache.application("web").isPresent());

        enqueued.clear();
        store.put(keys.process("n1", "web", "front"),
                new ProcessStatus(ProcessState.STARTING, 43L, T0, null, null, false, null, 0, T0));
        await().atMost(DEADLINE).until(() -> enqueued.equals(Set.of("web")));

        enqueued.clear();
        store.put(keys.node("n2"), node("n2"));
        await().atMost(DEADLINE).until(() -> enqueued.equals(Set.of("web", "db", "batch")));

        enqueued.clear();
        store.delete(keys.node("n1"));
        await().atMost(DEADLINE).until(() -> enqueued.equals(Set.of("web", "db")));
    }
}
