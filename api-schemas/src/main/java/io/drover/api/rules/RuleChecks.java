package io.drover.api.rules;

import io.drover.api.model.ProgramRule;
import io.drover.api.rules.formula.FormulaSyntaxException;
import io.drover.api.rules.formula.StatusFormula;
import io.drover.api.rules.regex.PythonRegex;
import java.util.List;

/**
 * Checks of single rule values, shared by rule sets and by the rules an Application manifest writes. Each check says
 * what Supvisors would do with the value, so the user knows why drover refuses or warns.
 */
final class RuleChecks {

    /** Supvisors' rules schema stores sequences as {@code xs:byte}. */
    static final int MAX_SEQUENCE = 127;

    private final Findings findings;
    private final AliasTable aliases;
    private final ModelTable models;

    RuleChecks(Findings findings, AliasTable aliases, ModelTable models) {
        this.findings = findings;
        this.aliases = aliases;
        this.models = models;
    }

    void sequence(String pointer, String field, Integer value) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            findings.error(pointer, field + " is " + value + "; it must be 0 or more",
                    "Supvisors ignores a negative " + field + " (0 means not started automatically)");
        } else if (value > MAX_SEQUENCE) {
            findings.error(pointer, field + " is " + value + "; it must be at most " + MAX_SEQUENCE,
                    "Supvisors' rules schema stores sequences as a byte and refuses the whole file otherwise");
        }
    }

    void restartBudget(String pointer, Integer maxRestarts, Integer restartWindowSecs) {
        if (maxRestarts != null && (maxRestarts < 0 || maxRestarts > 1_000)) {
            findings.error(pointer + "/maxRestarts", "maxRestarts is " + maxRestarts + "; it must be between 0 and 1000",
                    "0 turns automatic restarts off; the budget is counted within restartWindowSecs");
        }
        if (restartWindowSecs != null && (restartWindowSecs < 1 || restartWindowSecs > 86_400 * 7)) {
            findings.error(pointer + "/restartWindowSecs", "restartWindowSecs is " + restartWindowSecs
                    + "; it must be between 1 and 604800 (a week)", null);
        }
    }

    void expectedLoading(String pointer, Integer value) {
        if (value != null && (value < 0 || value > 100)) {
            findings.error(pointer, "expected_loading is " + value + "; it must be between 0 and 100",
                    "it is the percentage of a node's resources the process needs; Supvisors ignores other values");
        }
    }

    void pattern(String pointer, String pattern) {
        try {
            PythonRegex.compileForSearch(pattern);
        } catch (PythonRegex.InvalidPatternException e) {
            findings.error(pointer, e.getMessage(), "patterns are Python regular expressions searched in the name;"
                    + " escape special characters with a backslash, or use 'name' for an exact name");
        }
    }

    /** Elements holding a comma, and aliases that Supvisors' single expansion pass leaves in the list. */
    AliasTable.Expansion identifiers(String pointer, List<String> identifiers) {
        if (identifiers == null) {
            return null;
        }
        for (int i = 0; i < identifiers.size(); i++) {
            String identifier = identifiers.get(i);
            if (identifier != null && identifier.contains(",")) {
                findings.error(pointer + "/" + i, "identifier '" + identifier + "' contains a comma",
                        "write one identifier per list element: [" + String.join(", ", identifier.strip().split("\\s*,\\s*"))
                                + "]");
            }
        }
        AliasTable.Expansion expansion = aliases.expand(identifiers);
        for (String alias : expansion.unexpandedAliases()) {
            findings.warning(pointer, "alias '" + alias + "' is not expanded here and matches no node",
                    "Supvisors expands each alias once, in declaration order: an alias used inside another alias must be"
                            + " declared after it, and an alias named twice (directly or through another alias) expands once");
        }
        return expansion;
    }

    /** A reference to no model, or a chain longer than Supvisors applies. */
    void reference(String pointer, ProgramRule rule) {
        if (rule.reference() == null) {
            return;
        }
        ModelTable.Chain chain = models.follow(rule.reference());
        // a reference further down the chain is reported at the model that holds it
        if (rule.reference().equals(chain.unknownReference())) {
            List<String> known = models.names();
            findings.error(pointer, "reference '" + chain.unknownReference() + "' names no model",
                    known.isEmpty() ? "no model is declared; Supvisors would silently ignore the reference"
                            : "known models: " + String.join(", ", known) + "; Supvisors would silently ignore the reference");
        }
        if (chain.ignoredModel() != null && !chain.cyclic()) {
            findings.warning(pointer, "the reference chain " + String.join(" -> ", models.fullPath(rule.reference()))
                    + " is deeper than Supvisors applies: model '" + chain.ignoredModel() + "' and beyond are ignored",
                    "Supvisors applies a program and at most " + ModelTable.MAX_MODEL_LEVELS + " model levels"
                            + " (LOOP_CHECK = 3); drover ignores the rest exactly the same way");
        }
    }

    void formula(String pointer, String formula) {
        if (formula == null) {
            return;
        }
        try {
            StatusFormula.parse(formula);
        } catch (FormulaSyntaxException e) {
            findings.error(pointer, "operational_status does not parse at column " + e.column() + ": " + e.reason(),
                    e.hint());
        }
    }

    /**
     * Application-level signs: {@code @} is not supported (Supvisors leaves the application without identifier) and
     * {@code #} needs an application name ending in {@code _N}/{@code -N} with N ≥ 1 (checked when the name is known).
     */
    void applicationSigns(String pointer, String exactName, AliasTable.Expansion expansion) {
        if (expansion == null) {
            return;
        }
        Signs signs = Signs.read(expansion.identifiers());
        if (signs.at() && !signs.hash()) {
            findings.error(pointer, "'@' is not supported in the identifiers of an application",
                    "Supvisors would leave the application without identifier, so it could never be placed;"
                            + " use '#' to pick the Nth node for an application named .._N, or list the nodes");
        } else if (signs.at()) {
            findings.warning(pointer, "'@' is not supported in the identifiers of an application and is ignored; '#' applies",
                    "remove '@'");
        }
        if (signs.hash() && exactName != null && !ApplicationHash.nameQualifies(exactName)) {
            findings.error(pointer, "'#' needs an application name ending with _N or -N (N >= 1), but the name is '"
                            + exactName + "'",
                    "Supvisors resets the start_sequence of such an application to 0 and it can never be placed;"
                            + " number the applications from 1 (" + exactName.replaceFirst("[-_][0-9]+$", "")
                            + "_01, ...) or select them with a pattern");
        }
    }
}
