package io.drover.api.rules;

import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models of all rule sets, merged as Supvisors merges them: by name, a later declaration replacing an earlier one
 * (within a file and across files). A model without a name is not registered.
 */
final class ModelTable {

    /** Supvisors' {@code LOOP_CHECK = 3}: the program and at most two model levels are applied. */
    static final int MAX_MODEL_LEVELS = 2;

    record Entry(String name, ProgramRule rule, RuleSource source) {
    }

    /**
     * The models a reference brings, nearest first. {@code unknownReference} is a reference to no model (Supvisors
     * ignores it silently); {@code ignoredModel} is the first model beyond the depth limit; {@code cyclic} says a
     * model was met twice (Supvisors applies it again until the depth limit).
     */
    record Chain(List<Entry> levels, String unknownReference, String ignoredModel, boolean cyclic) {

        static final Chain EMPTY = new Chain(List.of(), null, null, false);

        List<String> names() {
            return levels.stream().map(Entry::name).toList();
        }
    }

    private final Map<String, Entry> entries;

    private ModelTable(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static ModelTable of(List<Sourced<RuleSet>> ruleSets) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Sourced<RuleSet> ruleSet : ruleSets) {
            if (ruleSet.value() == null || ruleSet.value().spec() == null) {
                continue;
            }
            String origin = RuleSource.nameOf(ruleSet);
            List<ProgramRule> models = ruleSet.value().spec().modelsOrEmpty();
            for (int i = 0; i < models.size(); i++) {
                ProgramRule model = models.get(i);
                if (model != null && model.name() != null) {
                    entries.put(model.name(), new Entry(model.name(), model,
                            new RuleSource(origin, ruleSet.sourceMap(), "/spec/models/" + i)));
                }
            }
        }
        return new ModelTable(entries);
    }

    Entry get(String name) {
        return entries.get(name);
    }

    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Follows {@code reference} as {@code Parser.load_model_rules} does. */
    Chain follow(String reference) {
        if (reference == null) {
            return Chain.EMPTY;
        }
        List<Entry> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean cyclic = false;
        String next = reference;
        while (next != null) {
            Entry model = entries.get(next);
            if (model == null) {
                return new Chain(levels, next, null, cyclic);
            }
            if (levels.size() == MAX_MODEL_LEVELS) {
                return new Chain(levels, null, model.name(), cyclic || seen.contains(model.name()));
            }
            cyclic |= !seen.add(model.name());
            levels.add(model);
            next = model.rule().reference();
        }
        return new Chain(levels, null, null, cyclic);
    }

    /** The names met when following {@code reference} without depth limit, up to the first repeated one. */
    List<String> fullPath(String reference) {
        List<String> path = new ArrayList<>();
        String next = reference;
        while (next != null && entries.containsKey(next)) {
            if (path.contains(next)) {
                path.add(next);
                return path;
            }
            path.add(next);
            next = entries.get(next).rule().reference();
        }
        return path;
    }
}
