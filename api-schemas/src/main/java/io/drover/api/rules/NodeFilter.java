package io.drover.api.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes effective identifiers designate, at the time of use ({@code SupvisorsMapper.filter} plus the {@code *}
 * rule of its callers). Rules keep names as written because nodes come and go; this turns them into node ids.
 */
public final class NodeFilter {

    private NodeFilter() {
    }

    /**
     * The candidate node ids for {@code identifiers}, given the ordered known {@code nodes}:
     * <ul>
     *   <li>a list holding {@code *}: every node, in node order;</li>
     *   <li>otherwise, in list order: a node id gives that node; else a label gives its nodes in node order; a name
     *       that is neither (unknown node, unexpanded alias, a sign) is dropped, as Supvisors drops it with a
     *       warning;</li>
     *   <li>duplicates are removed, keeping the first occurrence.</li>
     * </ul>
     * An empty list (a process whose {@code #}/{@code @} is not resolved yet) has no candidate.
     */
    public static List<String> candidates(List<String> identifiers, List<KnownNode> nodes) {
        if (identifiers == null || identifiers.isEmpty()) {
            return List.of();
        }
        if (identifiers.contains(Signs.WILDCARD)) {
            return nodes.stream().map(KnownNode::id).distinct().toList();
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String identifier : identifiers) {
            KnownNode node = nodes.stream().filter(n -> n.id().equals(identifier)).findFirst().orElse(null);
            if (node != null) {
                candidates.add(node.id());
            } else {
                nodes.stream().filter(n -> n.hasLabel(identifier)).forEach(n -> candidates.add(n.id()));
            }
        }
        return List.copyOf(candidates);
    }

    /** The names of {@code identifiers} that designate no known node (what Supvisors warns about at use time). */
    public static List<String> unknown(List<String> identifiers, List<KnownNode> nodes) {
        if (identifiers == null) {
            return List.of();
        }
        return identifiers.stream()
                .filter(identifier -> !identifier.equals(Signs.WILDCARD))
                .filter(identifier -> nodes.stream().noneMatch(n -> n.id().equals(identifier) || n.hasLabel(identifier)))
                .distinct()
                .toList();
    }
}
