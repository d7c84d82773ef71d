package io.drover.api.rules;

import io.drover.api.model.ApplicationRule;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.regex.PythonRegex;
import io.drover.api.source.Sourced;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule sets, in precedence order, indexed the way Supvisors' {@code Parser} looks rules up:
 * <ul>
 *   <li>an application by exact {@code name}: rule set by rule set, the first declaration found wins;</li>
 *   <li>otherwise by {@code pattern}: all patterns of all rule sets in one table keyed by the pattern string (a later
 *       element with the same pattern replaces the earlier one, keeping its place), searched with {@code re.search};
 *       the pattern whose match is the longest wins, ties going to the first in the table; the empty pattern matches
 *       everything with a zero-length match, so it is the catch-all of lowest priority;</li>
 *   <li>a program only inside the application element chosen for its application, by exact name (first declaration)
 *       then by pattern (same rules), always with the process name ({@code prg_01} for a numprocs family).</li>
 * </ul>
 * An element that has both a name and a pattern is found both ways, as in Supvisors; one with neither is unreachable.
 */
final class RuleIndex {

    record ProgramEntry(ProgramRule rule, RuleSource source, Pattern pattern) {
    }

    record ApplicationEntry(ApplicationRule rule, RuleSource source, Pattern pattern,
                            Map<String, ProgramEntry> programNames, Map<String, ProgramEntry> programPatterns) {
    }

    /** An element found for a name, where it was written, and the pattern that selected it (null: exact name). */
    record Match<T>(T entry, RuleSource source, String pattern) {
        boolean byPattern() {
            return pattern != null;
        }
    }

    private final AliasTable aliases;
    private final ModelTable models;
    private final Map<String, ApplicationEntry> applicationNames = new HashMap<>();
    private final Map<String, ApplicationEntry> applicationPatterns = new LinkedHashMap<>();

    RuleIndex(List<Sourced<RuleSet>> ruleSets) {
        this.aliases = AliasTable.of(ruleSets);
        this.models = ModelTable.of(ruleSets);
        for (Sourced<RuleSet> ruleSet : ruleSets) {
            if (ruleSet.value() == null || ruleSet.value().spec() == null) {
                continue;
            }
            String origin = RuleSource.nameOf(ruleSet);
            List<ApplicationRule> applications = ruleSet.value().spec().applicationsOrEmpty();
            for (int i = 0; i < applications.size(); i++) {
                ApplicationRule rule = applications.get(i);
                if (rule == null) {
                    continue;
                }
                ApplicationEntry entry = entry(rule, new RuleSource(origin, ruleSet.sourceMap(), "/spec/applications/" + i));
                if (rule.name() != null) {
                    applicationNames.putIfAbsent(rule.name(), entry);
                }
                if (rule.pattern() != null) {
                    applicationPatterns.put(rule.pattern(), entry);
                }
            }
        }
    }

    private static ApplicationEntry entry(ApplicationRule rule, RuleSource source) {
        Map<String, ProgramEntry> names = new HashMap<>();
        Map<String, ProgramEntry> patterns = new LinkedHashMap<>();
        List<ProgramRule> programs = rule.programsOrEmpty();
        for (int j = 0; j < programs.size(); j++) {
            ProgramRule program = programs.get(j);
            if (program == null) {
                continue;
            }
            RuleSource programSource = source.child("programs").child(j);
            if (program.name() != null) {
                names.putIfAbsent(program.name(), new ProgramEntry(program, programSource, null));
            }
            if (program.pattern() != null) {
                patterns.put(program.pattern(), new ProgramEntry(program, programSource, searchPattern(program.pattern())));
            }
        }
        Pattern pattern = rule.pattern() == null ? null : searchPattern(rule.pattern());
        return new ApplicationEntry(rule, source, pattern, Collections.unmodifiableMap(names),
                Collections.unmodifiableMap(patterns));
    }

    /** The compiled pattern, or null when it does not compile (the validator reports it; it then matches nothing). */
    private static Pattern searchPattern(String pattern) {
        try {
            return PythonRegex.compileForSearch(pattern);
        } catch (PythonRegex.InvalidPatternException e) {
            return null;
        }
    }

    AliasTable aliases() {
        return aliases;
    }

    ModelTable models() {
        return models;
    }

    Optional<Match<ApplicationEntry>> application(String applicationName) {
        ApplicationEntry exact = applicationNames.get(applicationName);
        if (exact != null) {
            return Optional.of(new Match<>(exact, exact.source(), null));
        }
        return best(applicationName, applicationPatterns, ApplicationEntry::pattern, ApplicationEntry::source);
    }

    Optional<Match<ProgramEntry>> program(ApplicationEntry application, String processName) {
        ProgramEntry exact = application.programNames().get(processName);
        if (exact != null) {
            return Optional.of(new Match<>(exact, exact.source(), null));
        }
        return best(processName, application.programPatterns(), ProgramEntry::pattern, ProgramEntry::source);
    }

    /** {@code Parser.get_best_pattern}: the longest {@code re.search} match wins; ties go to the first pattern. */
    private static <T> Optional<Match<T>> best(String name, Map<String, T> patterns, Function<T, Pattern> compiled,
                                               Function<T, RuleSource> source) {
        Match<T> best = null;
        int bestLength = -1;
        for (Map.Entry<String, T> candidate : patterns.entrySet()) {
            Pattern pattern = compiled.apply(candidate.getValue());
            if (pattern == null) {
                continue;
            }
            Matcher matcher = pattern.matcher(name);
            if (matcher.find() && matcher.end() - matcher.start() > bestLength) {
                bestLength = matcher.end() - matcher.start();
                best = new Match<>(candidate.getValue(), source.apply(candidate.getValue()), candidate.getKey());
            }
        }
        return Optional.ofNullable(best);
    }
}
