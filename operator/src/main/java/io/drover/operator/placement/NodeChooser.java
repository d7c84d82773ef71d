package io.drover.operator.placement;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Supvisors' starting strategies ({@code strategy.py}), over drover nodes (Supvisors instances) and hosts
 * (Supvisors nodes):
 * <ul>
 *   <li>CONFIG: the first valid candidate, in candidate order (identifiers order);</li>
 *   <li>LESS_LOADED: valid candidates sorted by (node load, host load), first;</li>
 *   <li>MOST_LOADED: the same sort, <b>last</b>: the sort is stable, so among equal loads the last candidate wins;</li>
 *   <li>LESS_LOADED_NODE / MOST_LOADED_NODE: sorted by (host load, node load), first / last;</li>
 *   <li>LOCAL: the requested node, if it is a valid candidate; nothing otherwise.</li>
 * </ul>
 * Loads compare as fractions of capacity, which is Supvisors' percentage when every capacity is 100 and stays fair
 * when nodes declare different sizes.
 */
public final class NodeChooser {

    private NodeChooser() {
    }

    /** The chosen node among {@code valid} candidates (kept in candidate order), or empty. */
    public static Optional<NodeInfo> choose(StartingStrategy strategy, List<NodeInfo> candidates,
                                            Predicate<NodeInfo> valid, NodeLoads loads, String localNode) {
        List<NodeInfo> usable = new ArrayList<>(candidates.stream().filter(valid).toList());
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        return switch (strategy) {
            case CONFIG -> Optional.of(usable.get(0));
            case LOCAL -> usable.stream().filter(n -> n.nodeId().equals(localNode)).findFirst();
            case LESS_LOADED -> Optional.of(sorted(usable, byNodeThenHost(loads)).get(0));
            case MOST_LOADED -> Optional.of(last(sorted(usable, byNodeThenHost(loads))));
            case LESS_LOADED_NODE -> Optional.of(sorted(usable, byHostThenNode(loads)).get(0));
            case MOST_LOADED_NODE -> Optional.of(last(sorted(usable, byHostThenNode(loads))));
        };
    }

    private static List<NodeInfo> sorted(List<NodeInfo> nodes, Comparator<NodeInfo> order) {
        nodes.sort(order); // List.sort is stable: equal loads keep candidate order, as Python's sorted()
        return nodes;
    }

    private static NodeInfo last(List<NodeInfo> nodes) {
        return nodes.get(nodes.size() - 1);
    }

    static Comparator<NodeInfo> byNodeThenHost(NodeLoads loads) {
        return nodeRatio(loads).thenComparing(hostRatio(loads));
    }

    static Comparator<NodeInfo> byHostThenNode(NodeLoads loads) {
        return hostRatio(loads).thenComparing(nodeRatio(loads));
    }

    private static Comparator<NodeInfo> nodeRatio(NodeLoads loads) {
        return (a, b) -> compareFractions(loads.load(a.nodeId()), loads.capacity(a.nodeId()),
                loads.load(b.nodeId()), loads.capacity(b.nodeId()));
    }

    private static Comparator<NodeInfo> hostRatio(NodeLoads loads) {
        return (a, b) -> compareFractions(loads.hostLoad(a.hostId()), loads.hostCapacity(a.hostId()),
                loads.hostLoad(b.hostId()), loads.hostCapacity(b.hostId()));
    }

    /** a/b against c/d, exactly (no floating point, so ties stay ties). */
    private static int compareFractions(long a, long b, long c, long d) {
        return Long.compare(a * Math.max(d, 1), c * Math.max(b, 1));
    }
}
