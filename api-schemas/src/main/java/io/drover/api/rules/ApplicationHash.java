package io.drover.api.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supvisors' {@code ApplicationRules.check_hash_identifiers}: an application whose identifiers hold {@code #} runs on
 * the Nth element of the list, N being the number that ends its name ({@code scen3_hci_02} → the 2nd), rolling over
 * when there are more applications than elements. {@code *} stands for all known nodes in order. The list is used as
 * written: a label in it is not expanded into its nodes (it is expanded later, when the single chosen name is used).
 * When the name does not end in {@code _N}/{@code -N} with N ≥ 1, Supvisors logs an error and resets the
 * application's start_sequence to 0.
 */
final class ApplicationHash {

    private static final Pattern NUMBERED = Pattern.compile(".*[-_]([0-9]+)");

    /** The outcome: the chosen identifier (empty when unresolved), whether start_sequence must be reset, and why. */
    record Resolution(List<String> identifiers, boolean unresolved, boolean resetStartSequence, List<String> notes) {
    }

    private ApplicationHash() {
    }

    /** The 0-based index Supvisors derives from {@code applicationName}, or null when the name does not qualify. */
    static BigInteger index(String applicationName) {
        Matcher matcher = NUMBERED.matcher(applicationName);
        if (!matcher.matches()) {
            return null;
        }
        BigInteger index = new BigInteger(matcher.group(1)).subtract(BigInteger.ONE);
        return index.signum() < 0 ? null : index;
    }

    static boolean nameQualifies(String applicationName) {
        return index(applicationName) != null;
    }

    static Resolution resolve(String applicationName, List<String> hashIdentifiers, List<KnownNode> knownNodes) {
        List<String> notes = new ArrayList<>();
        Matcher matcher = NUMBERED.matcher(applicationName);
        if (!matcher.matches()) {
            notes.add("'#' cannot be resolved: the application name does not end with _N or -N;"
                    + " start_sequence reset to 0 (the application cannot be placed)");
            return new Resolution(List.of(), false, true, notes);
        }
        BigInteger index = index(applicationName);
        if (index == null) {
            notes.add("'#' cannot be resolved: the number ending the application name must be 1 or more;"
                    + " start_sequence reset to 0 (the application cannot be placed)");
            return new Resolution(List.of(), false, true, notes);
        }
        List<String> reference;
        if (hashIdentifiers.contains(Signs.WILDCARD)) {
            reference = knownNodes.stream().map(KnownNode::id).toList();
            if (reference.isEmpty()) {
                notes.add("'#' with '*' is not resolved: no node is known yet; the application cannot be placed until"
                        + " it is resolved against the known nodes");
                return new Resolution(List.of(), true, false, notes);
            }
        } else {
            reference = hashIdentifiers;
            reference.stream()
                    .filter(name -> knownNodes.stream().noneMatch(n -> n.id().equals(name)))
                    .filter(name -> knownNodes.stream().anyMatch(n -> n.hasLabel(name)))
                    .forEach(label -> notes.add("'#' picks among the names as written: label '" + label
                            + "' counts as one element, not as its nodes (as in Supvisors)"));
        }
        int chosen = index.mod(BigInteger.valueOf(reference.size())).intValueExact();
        return new Resolution(List.of(reference.get(chosen)), false, false, notes);
    }
}
