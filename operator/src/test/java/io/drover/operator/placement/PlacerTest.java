package io.drover.operator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.NodeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlacerTest {

    private static NodeInfo node(String id, String host) {
        return new NodeInfo(id, host, List.of(), 100, null, null, null);
    }

    private final List<NodeInfo> servers = List.of(node("server_1", "h1"), node("server_2", "h2"), node("server_3", "h3"));

    @Test
    void explainsTheChoiceWithTheLoadsThatMadeIt() {
        NodeLoads loads = NodeLoads.of(servers, Map.of("server_1", 60, "server_3", 84), false);
        PlacementOutcome outcome = Placer.place("scen2_srv_02", servers, 42, StartingStrategy.LESS_LOADED, null, loads);
        assertEquals(new PlacementOutcome.Placed("server_2",
                "placed scen2_srv_02 on server_2 by LESS_LOADED: load 42/100; server_1 60/100 (full), server_3 84/100 (full)"), outcome);
        assertEquals(42, loads.load("server_2"), "the placement counts for the next one");
    }

    @ParameterizedTest
    @EnumSource(StartingStrategy.class)
    void nothingIsPlacedAboveCapacity(StartingStrategy strategy) {
        NodeLoads loads = NodeLoads.of(servers, Map.of("server_1", 60, "server_2", 70, "server_3", 84), false);
        PlacementOutcome outcome = Placer.place("app:p", servers, 42, strategy, "server_1", loads);
        PlacementOutcome.Refused refused = assertInstanceOf(PlacementOutcome.Refused.class, outcome);
        assertEquals("no node can hold load 42", refused.cause());
        assertTrue(refused.detail().contains("server_1 60/100 (full), server_2 70/100 (full), server_3 84/100 (full)"), refused.detail());
        assertEquals(60, loads.load("server_1"));
    }

    @Test
    void exactlyFullIsAccepted() {
        NodeLoads loads = NodeLoads.of(servers, Map.of("server_1", 58), false);
        assertEquals("server_1", ((PlacementOutcome.Placed) Placer.place("p", servers, 42, StartingStrategy.CONFIG, null, loads)).nodeId());
        assertEquals(100, loads.load("server_1"));
    }

    @Test
    void localNeedsATargetThatIsACandidate() {
        NodeLoads loads = NodeLoads.of(servers, Map.of(), false);
        assertEquals("LOCAL strategy without a target node",
                ((PlacementOutcome.Refused) Placer.place("p", servers, 1, StartingStrategy.LOCAL, null, loads)).cause());
        assertEquals("node console_1 is not a candidate",
                ((PlacementOutcome.Refused) Placer.place("p", servers, 1, StartingStrategy.LOCAL, "console_1", loads)).cause());
        assertEquals("server_3",
                ((PlacementOutcome.Placed) Placer.place("p", servers, 1, StartingStrategy.LOCAL, "server_3", loads)).nodeId());
    }

    @Test
    void noCandidateSaysSo() {
        NodeLoads loads = NodeLoads.of(servers, Map.of(), false);
        assertEquals("no candidate node",
                ((PlacementOutcome.Refused) Placer.place("p", List.of(), 1, StartingStrategy.CONFIG, null, loads)).cause());
    }

    @Test
    void hostsAreCappedOnlyWhenAsked() {
        List<NodeInfo> sameHost = List.of(node("server_1", "supv01"), node("console_1", "supv01"));
        NodeLoads perNode = NodeLoads.of(sameHost, Map.of("server_1", 42, "console_1", 52), false);
        assertTrue(Placer.place("hci", List.of(sameHost.get(1)), 26, StartingStrategy.CONFIG, null, perNode).placed());
        NodeLoads perHost = NodeLoads.of(sameHost, Map.of("server_1", 42, "console_1", 52), true);
        assertEquals("no node can hold load 26",
                ((PlacementOutcome.Refused) Placer.place("hci", List.of(sameHost.get(1)), 26, StartingStrategy.CONFIG, null, perHost)).cause());
    }

    @Test
    void singleNodeHostNeedsRoomForTheWholeApplicationAcrossItsNodes() {
        List<NodeInfo> nodes = List.of(node("a1", "h1"), node("a2", "h1"), node("b1", "h2"));
        NodeLoads loads = NodeLoads.of(nodes, Map.of("a1", 90, "a2", 90, "b1", 10), false);
        PlacementOutcome outcome = Placer.chooseHost("app", nodes, 30, StartingStrategy.CONFIG, null, loads);
        assertEquals("b1", ((PlacementOutcome.Placed) outcome).nodeId());
        assertEquals(10, loads.load("b1"), "choosing a host counts nothing");
    }
}
