package io.drover.operator.informer;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.Versioned;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AffectedApplicationsTest {

    private static final Keyspace KEYS = Keyspace.defaultKeyspace();
    private static final Set<String> ALL = Set.of("web", "db", "batch");
    private static final Map<String, Set<String>> ON_NODE = Map.of("n1", Set.of("web"), "n2", Set.of("db", "batch"));

    private final AffectedApplications affected = new AffectedApplications(KEYS, new ClusterView() {
        @Override
        public Set<String> allApplications() {
            return ALL;
        }

        @Override
        public Set<String> applicationsOn(String node) {
            return ON_NODE.getOrDefault(node, Set.of());
        }
    });

    private static <T> Versioned<T> v(String key, T value, long revision) {
        return new Versioned<>(key, value, revision, 1, 0, 0);
    }

    private static NodeInfo node(String id, List<String> labels, int capacity, Instant start) {
        return new NodeInfo(id, "host-" + id, labels, capacity, URI.create("http://" + id + ":7000"), "0.1", start);
    }

    @Test
    void keysNamingAnApplicationConcernThatApplication() {
        String app = KEYS.application("web");
        assertEquals(Set.of("web"), affected.of(app, null, v(app, "spec", 5)));
        assertEquals(Set.of("web"), affected.of(app, v(app, "spec", 5), null));
        String intent = KEYS.intent("db");
        assertEquals(Set.of("db"), affected.of(intent, null, v(intent, "x", 6)));
        String assignment = KEYS.assignment("n1", "batch", "worker_1");
        assertEquals(Set.of("batch"), affected.of(assignment, null, v(assignment, "x", 7)));
        String process = KEYS.process("n2", "web", "front");
        assertEquals(Set.of("web"), affected.of(process, v(process, "x", 7), v(process, "y", 8)));
    }

    @Test
    void aRuleSetConcernsEveryApplication() {
        String ruleSet = KEYS.ruleSet("scenario_1");
        assertEquals(ALL, affected.of(ruleSet, null, v(ruleSet, "x", 3)));
    }

    @Test
    void aNewNodeConcernsEveryApplicationALostOneOnlyThoseOnIt() {
        String key = KEYS.node("n2");
        Versioned<NodeInfo> info = v(key, node("n2", List.of("gpu"), 100, Instant.EPOCH), 4);
        assertEquals(ALL, affected.of(key, null, info), "it may take applications that could not be placed");
        assertEquals(Set.of("db", "batch"), affected.of(key, info, null), "their processes must move");
        assertEquals(Set.of(), affected.of(KEYS.node("n3"), info, null), "nothing ran there");
    }

    @Test
    void aNodeUpdateConcernsEveryApplicationOnlyWhenItChangesWhereThingsMayBePlaced() {
        String key = KEYS.node("n1");
        Versioned<NodeInfo> before = v(key, node("n1", List.of("gpu"), 100, Instant.EPOCH), 4);
        Versioned<NodeInfo> restarted = v(key, node("n1", List.of("gpu"), 100, Instant.EPOCH.plusSeconds(60)), 9);
        Versioned<NodeInfo> relabelled = v(key, node("n1", List.of("cpu"), 100, Instant.EPOCH), 9);
        Versioned<NodeInfo> resized = v(key, node("n1", List.of("gpu"), 50, Instant.EPOCH), 9);
        assertEquals(Set.of("web"), affected.of(key, before, restarted));
        assertEquals(ALL, affected.of(key, before, relabelled));
        assertEquals(ALL, affected.of(key, before, resized));
    }

    @Test
    void statusesAreRewrittenOnlyWhenDeleted() {
        String key = KEYS.applicationStatus("web");
        assertEquals(Set.of(), affected.of(key, null, v(key, "x", 3)), "the leader wrote it; it knows");
        assertEquals(Set.of("web"), affected.of(key, v(key, "x", 3), null));
    }

    @Test
    void statisticsLeaderEventsAndForeignKeysConcernNoApplication() {
        String stats = KEYS.nodeStats("n1");
        assertEquals(Set.of(), affected.of(stats, null, v(stats, "x", 3)));
        assertEquals(Set.of(), affected.of(KEYS.leader(), null, v(KEYS.leader(), "x", 3)));
        assertEquals(Set.of(), affected.of("/elsewhere/v1/applications/web", null, v("/elsewhere/v1/applications/web", "x", 3)));
        assertEquals(Set.of(), affected.of(KEYS.applicationsPrefix() + "web/extra", null, null));
    }
}
