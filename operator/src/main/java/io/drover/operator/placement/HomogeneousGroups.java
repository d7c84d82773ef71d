package io.drover.operator.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Program-level {@code #} and {@code @} (Supvisors' {@code HomogeneousGroup}): the processes of one numprocs family,
 * in process index order, are spread over a reference list of nodes.
 * <ul>
 *   <li>{@code #}: each process not yet bound goes to the reference node holding the fewest processes of the family
 *       (ties: first in reference order): round robin, rolling over when there are more processes than nodes;</li>
 *   <li>{@code @}: each process not yet bound goes to the next reference node no process of the family uses; no
 *       roll-over: the processes left over have no node and cannot start.</li>
 * </ul>
 * Supvisors resolves once per application start and never re-balances. drover has no memory but the assignments:
 * a process keeps the node it already has an assignment on (its binding) as long as that node is in the reference
 * list, i.e. alive; a process whose node is gone is bound again.
 */
public final class HomogeneousGroups {

    /** One process of the family and the node it is already bound to (null: none, or no longer alive). */
    public record Member(String processName, int processIndex, String boundNode) {
    }

    private HomogeneousGroups() {
    }

    /** The node of each member by {@code #}, keyed by process name (empty: no node). */
    public static Map<String, Optional<String>> hash(List<Member> family, List<String> reference) {
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        if (reference.isEmpty()) {
            family.forEach(m -> result.put(m.processName(), Optional.empty()));
            return result;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        reference.forEach(node -> counts.put(node, 0));
        List<Member> unbound = new ArrayList<>();
        for (Member member : ordered(family)) {
            if (member.boundNode() != null && counts.containsKey(member.boundNode())) {
                counts.merge(member.boundNode(), 1, Integer::sum);
                result.put(member.processName(), Optional.of(member.boundNode()));
            } else {
                unbound.add(member);
            }
        }
        for (Member member : unbound) {
            String fewest = reference.get(0);
            for (String node : reference) {
                if (counts.get(node) < counts.get(fewest)) {
                    fewest = node;
                }
            }
            counts.merge(fewest, 1, Integer::sum);
            result.put(member.processName(), Optional.of(fewest));
        }
        return result;
    }

    /** The node of each member by {@code @}, keyed by process name (empty: every reference node is taken). */
    public static Map<String, Optional<String>> at(List<Member> family, List<String> reference) {
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        List<Member> unbound = new ArrayList<>();
        for (Member member : ordered(family)) {
            if (member.boundNode() != null && reference.contains(member.boundNode()) && used.add(member.boundNode())) {
                result.put(member.processName(), Optional.of(member.boundNode()));
            } else {
                unbound.add(member);
            }
        }
        for (Member member : unbound) {
            Optional<String> free = reference.stream().filter(node -> !used.contains(node)).findFirst();
            free.ifPresent(used::add);
            result.put(member.processName(), free);
        }
        return result;
    }

    private static List<Member> ordered(List<Member> family) {
        return family.stream().sorted(Comparator.comparingInt(Member::processIndex)).toList();
    }
}
