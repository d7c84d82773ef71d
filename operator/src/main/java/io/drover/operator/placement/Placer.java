package io.drover.operator.placement;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.NodeInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses a node among candidates for a load with a strategy and says why, or why not. A successful
 * {@link #place} counts the load on the chosen node, so the next placement of the same plan sees it.
 */
public final class Placer {

    private Placer() {
    }

    /**
     * Places {@code load} for {@code subject} (a namespec or an application name) on one of {@code candidates}
     * (alive, designated and defining nodes, in identifiers order) and counts it in {@code loads}.
     *
     * @param localNode the node LOCAL means (the node the user asked for); null when there is none
     */
    public static PlacementOutcome place(String subject, List<NodeInfo> candidates, int load, StartingStrategy strategy,
                                         String localNode, NodeLoads loads) {
        PlacementOutcome outcome = choose(subject, candidates, load, strategy, localNode, loads,
                node -> loads.canHold(node.nodeId(), load));
        if (outcome instanceof PlacementOutcome.Placed placed) {
            loads.add(placed.nodeId(), load);
        }
        return outcome;
    }

    /**
     * Chooses a node for {@code load} without counting it: the node a SINGLE_INSTANCE application is bound to, whose
     * processes then count their own loads as they are requested, stage after stage.
     */
    public static PlacementOutcome choose(String subject, List<NodeInfo> candidates, int load, StartingStrategy strategy,
                                          String localNode, NodeLoads loads) {
        return choose(subject, candidates, load, strategy, localNode, loads, node -> loads.canHold(node.nodeId(), load));
    }

    /**
     * Chooses the host of a SINGLE_NODE application: a node among {@code candidates} (nodes of hosts where every
     * process can run) whose host's candidate nodes have room together for the whole application {@code load}; the
     * outcome names that node,
     * whose host is the application's. Nothing is counted: each process counts its own load when placed.
     */
    public static PlacementOutcome chooseHost(String subject, List<NodeInfo> candidates, int load,
                                              StartingStrategy strategy, String localNode, NodeLoads loads) {
        return choose(subject, candidates, load, strategy, localNode, loads,
                node -> loads.hostRoom(node.hostId(), candidates) >= load);
    }

    private static PlacementOutcome choose(String subject, List<NodeInfo> candidates, int load,
                                           StartingStrategy strategy, String localNode, NodeLoads loads,
                                           Predicate<NodeInfo> valid) {
        if (candidates.isEmpty()) {
            return new PlacementOutcome.Refused("no candidate node",
                    "cannot place " + subject + ": no alive node is both designated by its identifiers and defines it");
        }
        if (strategy == StartingStrategy.LOCAL) {
            if (localNode == null) {
                return new PlacementOutcome.Refused("LOCAL strategy without a target node",
                        "cannot place " + subject + ": the LOCAL strategy needs the node to start on");
            }
            if (candidates.stream().noneMatch(n -> n.nodeId().equals(localNode))) {
                return new PlacementOutcome.Refused("node " + localNode + " is not a candidate",
                        "cannot place " + subject + " on " + localNode + " (LOCAL): candidates are "
                                + candidates.stream().map(NodeInfo::nodeId).collect(Collectors.joining(", ")));
            }
        }
        Optional<NodeInfo> chosen = NodeChooser.choose(strategy, candidates, valid, loads, localNode);
        if (chosen.isEmpty()) {
            return new PlacementOutcome.Refused("no node can hold load " + load,
                    "cannot place " + subject + ": no node can hold load " + load + " (" + loadsOf(candidates, null, load, loads) + ")");
        }
        NodeInfo node = chosen.get();
        String reason = "placed " + subject + " on " + node.nodeId() + " by " + strategy + ": load "
                + (loads.load(node.nodeId()) + load) + "/" + loads.capacity(node.nodeId());
        String others = loadsOf(candidates, node.nodeId(), load, loads);
        return new PlacementOutcome.Placed(node.nodeId(), others.isEmpty() ? reason : reason + "; " + others);
    }

    /** "server_1 60/100, server_3 84/100 (full)": the other candidates as the choice saw them. */
    private static String loadsOf(List<NodeInfo> candidates, String except, int load, NodeLoads loads) {
        return candidates.stream()
                .filter(n -> !n.nodeId().equals(except))
                .map(n -> n.nodeId() + " " + loads.describe(n.nodeId()) + (loads.canHold(n.nodeId(), load) ? "" : " (full)"))
                .collect(Collectors.joining(", "));
    }
}
