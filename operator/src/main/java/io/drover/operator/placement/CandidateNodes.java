package io.drover.operator.placement;

import io.drover.api.rules.KnownNode;
import io.drover.api.rules.NodeFilter;
import io.drover.api.state.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alive nodes a process may be placed on, before load is considered: those its identifiers designate
 * ({@link NodeFilter}: names, labels, {@code *}, in identifiers order) and whose configuration defines its program
 * (Supvisors only starts a process where its Supervisor knows it).
 */
public final class CandidateNodes {

    private CandidateNodes() {
    }

    /** The alive nodes as identifiers see them. */
    public static List<KnownNode> known(List<NodeInfo> alive) {
        return alive.stream().map(n -> new KnownNode(n.nodeId(), n.labels())).toList();
    }

    /** Alive nodes designated by {@code identifiers}, in identifiers order (for {@code *}: node order). */
    public static List<NodeInfo> designated(List<String> identifiers, List<NodeInfo> alive) {
        Map<String, NodeInfo> byId = alive.stream()
                .collect(Collectors.toMap(NodeInfo::nodeId, Function.identity(), (a, b) -> a));
        return NodeFilter.candidates(identifiers, known(alive)).stream().map(byId::get).toList();
    }

    /**
     * Whether {@code node}'s configuration defines a program whose {@code definedOn} lists node ids or labels
     * (null or empty: every node does).
     */
    public static boolean defines(NodeInfo node, List<String> definedOn) {
        if (definedOn == null || definedOn.isEmpty()) {
            return true;
        }
        return definedOn.contains(node.nodeId()) || node.labels().stream().anyMatch(definedOn::contains);
    }

    /** Designated alive nodes that define the program. */
    public static List<NodeInfo> of(List<String> identifiers, List<String> definedOn, List<NodeInfo> alive) {
        return designated(identifiers, alive).stream().filter(n -> defines(n, definedOn)).toList();
    }
}
