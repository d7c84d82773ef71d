package io.drover.api.rules;

import io.drover.api.model.Alias;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The aliases of all rule sets, merged as Supvisors merges them: one table in which a later declaration of a name
 * replaces the value of an earlier one but keeps its position (Python dict update), and in which an alias without
 * any identifier is not registered.
 *
 * <p>Expansion ({@code Parser.check_identifier_list}): aliases are visited in table order and each replaces the
 * <em>first</em> occurrence of its name in the list; then duplicates are removed keeping the first occurrence. Hence
 * an alias used inside another alias is expanded only if it comes <em>after</em> the alias that uses it, and an alias
 * named twice in a list is expanded once.
 */
final class AliasTable {

    record Entry(String name, List<String> identifiers, RuleSource source, int position) {
    }

    /** The expanded list and the alias names still in it (not expandable by Supvisors' single pass). */
    record Expansion(List<String> identifiers, List<String> unexpandedAliases) {
    }

    private final Map<String, Entry> entries;

    private AliasTable(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static AliasTable of(List<Sourced<RuleSet>> ruleSets) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Sourced<RuleSet> ruleSet : ruleSets) {
            if (ruleSet.value() == null || ruleSet.value().spec() == null) {
                continue;
            }
            String origin = RuleSource.nameOf(ruleSet);
            List<Alias> aliases = ruleSet.value().spec().aliasesOrEmpty();
            for (int i = 0; i < aliases.size(); i++) {
                Alias alias = aliases.get(i);
                if (alias == null || alias.name() == null || alias.identifiers() == null || alias.identifiers().isEmpty()) {
                    continue;
                }
                RuleSource source = new RuleSource(origin, ruleSet.sourceMap(), "/spec/aliases/" + i);
                Entry previous = entries.get(alias.name());
                int position = previous == null ? entries.size() : previous.position();
                entries.put(alias.name(), new Entry(alias.name(), stripped(alias.identifiers()), source, position));
            }
        }
        return new AliasTable(entries);
    }

    Entry entry(String name) {
        return entries.get(name);
    }

    Expansion expand(List<String> written) {
        List<String> identifiers = stripped(written);
        for (Entry alias : entries.values()) {
            int at = identifiers.indexOf(alias.name());
            if (at >= 0) {
                identifiers.remove(at);
                identifiers.addAll(at, alias.identifiers());
            }
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String identifier : identifiers) {
            if (!identifier.isEmpty()) {
                unique.add(identifier);
            }
        }
        List<String> unexpanded = unique.stream().filter(entries::containsKey).toList();
        return new Expansion(List.copyOf(unique), unexpanded);
    }

    private static List<String> stripped(List<String> values) {
        List<String> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(value == null ? "" : value.strip());
        }
        return result;
    }
}
