package io.drover.operator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.NodeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Supvisors' strategies with their orderings and tie-breaks. Nodes are written "node@host=load", in candidate order
 * (capacity 100); the process to place has load 10.
 */
class NodeChooserTest {

    @ParameterizedTest(name = "{0} over [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CONFIG           | a@h1=50 b@h2=0 c@h3=0          | a
            CONFIG           | a@h1=95 b@h2=0 c@h3=0          | b
            LESS_LOADED      | a@h1=50 b@h2=20 c@h3=30        | b
            LESS_LOADED      | a@h1=20 b@h2=20 c@h3=30        | a
            LESS_LOADED      | a@h1=20 b@h2=20 c@h2=30        | a
            LESS_LOADED      | b@h2=20 a@h1=20 c@h2=30        | a
            LESS_LOADED      | a@h1=20 b@h2=20 c@h3=20        | a
            MOST_LOADED      | a@h1=50 b@h2=20 c@h3=30        | a
            MOST_LOADED      | a@h1=50 b@h2=50 c@h3=30        | b
            MOST_LOADED      | a@h1=95 b@h2=50 c@h3=30        | b
            LESS_LOADED_NODE | a@h1=10 b@h1=10 c@h2=15        | c
            LESS_LOADED_NODE | a@h1=10 b@h1=0 c@h2=15         | b
            LESS_LOADED_NODE | a@h1=5 b@h2=5 c@h3=5          | a
            LESS_LOADED_NODE | a@h1=5 b@h1=5 c@h2=0          | c
            MOST_LOADED_NODE | a@h1=10 b@h1=10 c@h2=15        | b
            MOST_LOADED_NODE | a@h1=30 b@h2=20 c@h2=20        | c
            LOCAL            | a@h1=0 b@h2=0 c@h3=0           | b
            LOCAL            | a@h1=0 b@h2=95 c@h3=0          | -
            """)
    void choosesLikeSupvisors(StartingStrategy strategy, String nodes, String expected) {
        List<NodeInfo> candidates = new ArrayList<>();
        Map<String, Integer> loads = new HashMap<>();
        for (String spec : nodes.trim().split("\\s+")) {
            String[] parts = spec.split("[@=]");
            candidates.add(new NodeInfo(parts[0], parts[1], List.of(), 100, null, null, null));
            loads.put(parts[0], Integer.parseInt(parts[2]));
        }
        NodeLoads nodeLoads = NodeLoads.of(candidates, loads, false);
        String chosen = NodeChooser.choose(strategy, candidates, n -> nodeLoads.canHold(n.nodeId(), 10), nodeLoads, "b")
                .map(NodeInfo::nodeId).orElse("-");
        assertEquals(expected, chosen);
    }

    @ParameterizedTest(name = "{0}: capacities {1} loads {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            LESS_LOADED | 100,200 | 50,60 | b
            MOST_LOADED | 100,200 | 50,60 | a
            LESS_LOADED | 100,200 | 50,100 | a
            """)
    void comparesLoadsAsFractionsOfCapacity(StartingStrategy strategy, String capacities, String loadValues, String expected) {
        int[] caps = Arrays.stream(capacities.split(",")).mapToInt(Integer::parseInt).toArray();
        int[] used = Arrays.stream(loadValues.split(",")).mapToInt(Integer::parseInt).toArray();
        List<NodeInfo> candidates = List.of(new NodeInfo("a", "h1", List.of(), caps[0], null, null, null),
                new NodeInfo("b", "h2", List.of(), caps[1], null, null, null));
        NodeLoads loads = NodeLoads.of(candidates, Map.of("a", used[0], "b", used[1]), false);
        assertEquals(expected, NodeChooser.choose(strategy, candidates, n -> true, loads, null).orElseThrow().nodeId());
    }
}
