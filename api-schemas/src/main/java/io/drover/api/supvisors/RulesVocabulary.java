package io.drover.api.supvisors;

import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What rules.xsd allows, element by element, in words a user can act on. The schema decides what is valid; this
 * table only phrases its verdicts, so it must list the same names (a test compares the two).
 */
final class RulesVocabulary {

    static final String ROOT = "root";

    private static final List<String> PROGRAM_CHILDREN = List.of("reference", "identifiers", "start_sequence",
            "stop_sequence", "required", "wait_exit", "expected_loading", "starting_failure_strategy",
            "running_failure_strategy");

    private static final List<String> APPLICATION_CHILDREN = List.of("distribution", "identifiers", "start_sequence",
            "stop_sequence", "starting_strategy", "starting_failure_strategy", "running_failure_strategy",
            "operational_status", "programs");

    private static final Map<String, List<String>> CHILDREN = Map.of(
            ROOT, List.of("alias", "model", "application"),
            "application", APPLICATION_CHILDREN,
            "programs", List.of("program"),
            "program", PROGRAM_CHILDREN,
            "model", PROGRAM_CHILDREN);

    private static final Map<String, List<String>> ATTRIBUTES = Map.of(
            "alias", List.of("name"),
            "model", List.of("name", "pattern"),
            "program", List.of("name", "pattern"),
            "application", List.of("name", "pattern"));

    /** Elements of older Supvisors versions, and where their meaning lives now. */
    private static final Map<String, String> RETIRED = Map.of(
            "addresses", "Supvisors renamed <addresses> to <identifiers>; write <identifiers> instead",
            "distributed", "Supvisors replaced <distributed> by <distribution>: write"
                    + " <distribution>ALL_INSTANCES</distribution> for true, SINGLE_INSTANCE for false",
            "pattern", "Supvisors no longer reads <pattern> elements;"
                    + " write <program pattern=\"...\"> inside <programs>");

    private static final Map<String, ValueRule> VALUES = Map.ofEntries(
            Map.entry("distribution", ValueRule.choice("a distribution", names(Distribution.values()))),
            Map.entry("starting_strategy", ValueRule.choice("a starting strategy", names(StartingStrategy.values()))),
            Map.entry("starting_failure_strategy",
                    ValueRule.choice("a starting failure strategy", names(StartingFailureStrategy.values()))),
            Map.entry("running_failure_strategy",
                    ValueRule.choice("a running failure strategy", names(RunningFailureStrategy.values()))),
            Map.entry("start_sequence", ValueRule.of("a whole number from -128 to 127",
                    "write the start rank as a whole number such as 1; 0 means not started automatically")),
            Map.entry("stop_sequence", ValueRule.of("a whole number from -128 to 127",
                    "write the stop rank as a whole number such as 1; the greatest rank stops first")),
            Map.entry("expected_loading", ValueRule.of("a whole percentage from 0 to 100",
                    "write the share of a node's resources the process needs, for example 10")),
            Map.entry("required", ValueRule.of("true or false", "write true or false")),
            Map.entry("wait_exit", ValueRule.of("true or false", "write true or false")));

    private RulesVocabulary() {
    }

    /** The elements {@code parent} may hold, in schema order; empty for a value element or an unknown one. */
    static List<String> childrenOf(String parent) {
        return CHILDREN.getOrDefault(parent, List.of());
    }

    /** Whether {@code name} is an element of rules files at all, under any parent. */
    static boolean isKnownElement(String name) {
        return ROOT.equals(name) || CHILDREN.values().stream().anyMatch(children -> children.contains(name));
    }

    /** The parents under which {@code child} is allowed. */
    static List<String> parentsOf(String child) {
        return CHILDREN.entrySet().stream()
                .filter(entry -> entry.getValue().contains(child))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    static List<String> attributesOf(String element) {
        return ATTRIBUTES.getOrDefault(element, List.of());
    }

    static Optional<String> retired(String element) {
        return Optional.ofNullable(RETIRED.get(element));
    }

    static Optional<ValueRule> valueRule(String element) {
        return Optional.ofNullable(VALUES.get(element));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** What a value element accepts: a description, and the exact names when it is an enumeration. */
    record ValueRule(String expected, List<String> choices, String hint) {

        static ValueRule choice(String noun, List<String> choices) {
            return new ValueRule(noun, choices, null);
        }

        static ValueRule of(String expected, String hint) {
            return new ValueRule(expected, List.of(), hint);
        }

        boolean isChoice() {
            return !choices.isEmpty();
        }
    }
}
