package io.drover.api.keyspace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyspaceTest {

    private final Keyspace keys = Keyspace.defaultKeyspace();

    @Test
    void buildsEveryKeyOfTheDesignUnderTheDefaultPrefix() {
        assertEquals("/drover/v1/applications/web", keys.application("web"));
        assertEquals("/drover/v1/applicationsets/fleet", keys.applicationSet("fleet"));
        assertEquals("/drover/v1/rulesets/scen1", keys.ruleSet("scen1"));
        assertEquals("/drover/v1/intents/web", keys.intent("web"));
        assertEquals("/drover/v1/nodes/node-1", keys.node("node-1"));
        assertEquals("/drover/v1/nodestats/node-1", keys.nodeStats("node-1"));
        assertEquals("/drover/v1/assignments/node-1/web/api_00", keys.assignment("node-1", "web", "api_00"));
        assertEquals("/drover/v1/processes/node-1/web/api_00", keys.process("node-1", "web", "api_00"));
        assertEquals("/drover/v1/status/applications/web", keys.applicationStatus("web"));
        assertEquals("/drover/v1/leader", keys.leader());
        assertEquals("/drover/v1/events/20261122T101530.123456789Z-e1",
                keys.event(Instant.parse("2026-11-22T10:15:30.123456789Z"), "e1"));
    }

    @Test
    void everyKeyStartsWithItsListingPrefix() {
        assertTrue(keys.application("web").startsWith(keys.applicationsPrefix()));
        assertTrue(keys.applicationSet("s").startsWith(keys.applicationSetsPrefix()));
        assertTrue(keys.ruleSet("r").startsWith(keys.ruleSetsPrefix()));
        assertTrue(keys.intent("web").startsWith(keys.intentsPrefix()));
        assertTrue(keys.node("n").startsWith(keys.nodesPrefix()));
        assertTrue(keys.nodeStats("n").startsWith(keys.nodeStatsPrefix()));
        assertTrue(keys.assignment("n", "a", "p").startsWith(keys.assignmentsPrefix("n")));
        assertTrue(keys.assignmentsPrefix("n").startsWith(keys.assignmentsPrefix()));
        assertTrue(keys.process("n", "a", "p").startsWith(keys.processesPrefix("n")));
        assertTrue(keys.processesPrefix("n").startsWith(keys.processesPrefix()));
        assertTrue(keys.applicationStatus("web").startsWith(keys.applicationStatusesPrefix()));
        assertTrue(keys.event(Instant.EPOCH, "x").startsWith(keys.eventsPrefix()));
        assertTrue(keys.leader().startsWith(keys.versionPrefix()));
    }

    @Test
    void prefixesOfOneKindNeverCoverAnother() {
        // listing applications must not return application sets, nor node n1's assignments those of n10
        assertFalse(keys.applicationSet("a").startsWith(keys.applicationsPrefix()));
        assertFalse(keys.assignment("n10", "a", "p").startsWith(keys.assignmentsPrefix("n1")));
        assertFalse(keys.process("n10", "a", "p").startsWith(keys.processesPrefix("n1")));
        assertFalse(keys.nodeStats("n").startsWith(keys.nodesPrefix()));
    }

    @Test
    void prefixIsConfigurableAndNormalisedToEndWithASlash() {
        assertEquals("/prod/v1/nodes/n", Keyspace.withPrefix("/prod").node("n"));
        assertEquals("/prod/v1/nodes/n", Keyspace.withPrefix("/prod/").node("n"));
        assertEquals("/prod/", Keyspace.withPrefix("/prod").prefix());
        assertEquals(Keyspace.withPrefix("/prod"), Keyspace.withPrefix("/prod/"));
        assertEquals(Keyspace.DEFAULT_PREFIX, keys.prefix());
        assertThrows(IllegalArgumentException.class, () -> Keyspace.withPrefix(""));
        assertThrows(IllegalArgumentException.class, () -> Keyspace.withPrefix("/a b/"));
    }

    @Test
    void refusesInvalidNamesSayingWhichKindOfName() {
        assertMessage("node name", () -> keys.node("a/b"));
        assertMessage("application name", () -> keys.application(""));
        assertMessage("process name", () -> keys.assignment("n", "a", "has space"));
        assertMessage("application name", () -> keys.process("n", ".hidden", "p"));
        assertMessage("node name", () -> keys.assignmentsPrefix("x:y"));
        assertMessage("rule set name", () -> keys.ruleSet("r/s"));
        assertMessage("application set name", () -> keys.applicationSet(null));
        assertMessage("event id name", () -> keys.event(Instant.EPOCH, "a/b"));
        assertMessage("years", () -> keys.event(Instant.parse("+12000-01-01T00:00:00Z"), "e"));
    }

    @Test
    void parsesEveryKeyBackIntoItsParts() {
        ProcessRef ref = new ProcessRef("node-1", "web", "api_00");
        Instant time = Instant.parse("2026-11-22T10:15:30.000000001Z");
        List<String> all = List.of(keys.application("web"), keys.applicationSet("fleet"), keys.ruleSet("r"),
                keys.intent("web"), keys.node("node-1"), keys.nodeStats("node-1"), keys.assignment(ref),
                keys.process(ref), keys.applicationStatus("web"), keys.leader(), keys.event(time, "e-7"),
                keys.systemRequest());
        List<ParsedKey> expected = List.of(new ParsedKey.ApplicationKey("web"), new ParsedKey.ApplicationSetKey("fleet"),
                new ParsedKey.RuleSetKey("r"), new ParsedKey.IntentKey("web"), new ParsedKey.NodeKey("node-1"),
                new ParsedKey.NodeStatsKey("node-1"), new ParsedKey.AssignmentKey(ref), new ParsedKey.ProcessKey(ref),
                new ParsedKey.ApplicationStatusKey("web"), new ParsedKey.LeaderKey(), new ParsedKey.EventKey(time, "e-7"),
                new ParsedKey.SystemRequestKey());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(Optional.of(expected.get(i)), keys.parse(all.get(i)), all.get(i));
        }
    }

    @Test
    void tellsWhichProcessAnAssignmentOrProcessKeyIsFor() {
        ProcessRef ref = new ProcessRef("n1", "web", "api_00");
        assertEquals(Optional.of(ref), keys.parseAssignment("/drover/v1/assignments/n1/web/api_00"));
        assertEquals(Optional.of(ref), keys.parseProcess(keys.process(ref)));
        assertEquals(Optional.empty(), keys.parseAssignment(keys.process(ref)));
        assertEquals("web/api_00", ref.qualifiedName());
    }

    @Test
    void ignoresKeysThatAreNotOursOrAreMalformed() {
        assertEquals(Optional.empty(), keys.parse("/other/v1/nodes/n"));
        assertEquals(Optional.empty(), Keyspace.withPrefix("/prod").parse(keys.node("n")));
        assertEquals(Optional.empty(), keys.parse("/drover/v2/nodes/n"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/unknown/n"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/nodes/n/extra"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/nodes/"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/assignments/n/web"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/assignments/n/web/p/extra"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/processes/n/web/has space"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/events/not-a-time"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/events/20261122T101530.123456789Z-"));
        assertEquals(Optional.empty(), keys.parse("/drover/v1/leader/x"));
        assertEquals(Optional.empty(), keys.parse(null));
    }

    @Test
    void eventKeysSortByTime() {
        Instant earlier = Instant.parse("2026-01-02T03:04:05.9Z");
        Instant later = Instant.parse("2026-01-02T03:04:06.1Z");
        Instant muchLater = Instant.parse("2100-01-01T00:00:00Z");
        assertTrue(keys.event(earlier, "zzz").compareTo(keys.event(later, "aaa")) < 0);
        assertTrue(keys.event(later, "zzz").compareTo(keys.event(muchLater, "aaa")) < 0);
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should mention " + expected);
    }
}
