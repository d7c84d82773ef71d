package io.drover.api.rules;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.model.Alias;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.source.Sourced;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that rule sets mean what their author expects under Supvisors' semantics. Errors are what drover refuses
 * (Supvisors would silently ignore or misapply it); warnings are what Supvisors accepts with a surprising effect,
 * which drover reproduces.
 *
 * <p>Aliases and models are shared by all rule sets, as Supvisors merges all its rules files; so a rule set is best
 * checked among all of them ({@link #validate(Sourced, List)}, {@link #validateAll(List)}). Checked alone, it only sees
 * its own aliases and models.
 */
public final class RuleSetValidator {

    /** Problems of {@code ruleSet} on its own. */
    public List<Diagnostic> validate(Sourced<RuleSet> ruleSet) {
        return validate(ruleSet, List.of(ruleSet));
    }

    /**
     * Problems of {@code ruleSet} among {@code ruleSets} (in precedence order; {@code ruleSet} is taken as the last one
     * when it is not in the list): references and aliases may come from the others, and declarations the others
     * replace or hide are reported.
     */
    public List<Diagnostic> validate(Sourced<RuleSet> ruleSet, List<Sourced<RuleSet>> ruleSets) {
        List<Sourced<RuleSet>> context = new ArrayList<>(ruleSets);
        if (context.stream().noneMatch(r -> r == ruleSet)) {
            context.add(ruleSet);
        }
        return new Run(ruleSet, context).diagnostics();
    }

    /** Problems of every rule set of {@code ruleSets}, in order. */
    public List<Diagnostic> validateAll(List<Sourced<RuleSet>> ruleSets) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Sourced<RuleSet> ruleSet : ruleSets) {
            diagnostics.addAll(new Run(ruleSet, ruleSets).diagnostics());
        }
        return diagnostics;
    }

    /**
     * Problems of the rules an Application manifest writes that need the rule sets to be seen: references to models,
     * aliases, the application-level {@code @}/{@code #}, the status formula. Ranges and list shapes are the manifest
     * validator's.
     */
    public List<Diagnostic> validateApplication(Sourced<Application> application, List<Sourced<RuleSet>> ruleSets) {
        Findings findings = new Findings(application.sourceMap(), application.value().name());
        ApplicationSpec spec = application.value().spec();
        if (spec == null) {
            return findings.diagnostics();
        }
        RuleChecks checks = new RuleChecks(findings, AliasTable.of(ruleSets), ModelTable.of(ruleSets));
        AliasTable.Expansion expansion = checks.identifiers("/spec/identifiers", spec.identifiers());
        checks.applicationSigns("/spec/identifiers", application.value().name(), expansion);
        checks.formula("/spec/operationalStatus", spec.operationalStatus());
        List<ProgramSpec> programs = spec.programsOrEmpty();
        for (int i = 0; i < programs.size(); i++) {
            ProgramSpec program = programs.get(i);
            if (program == null) {
                continue;
            }
            checks.identifiers("/spec/programs/" + i + "/identifiers", program.identifiers());
            checks.reference("/spec/programs/" + i + "/reference", program.rule());
        }
        return findings.diagnostics();
    }

    /** One rule set checked within its context. */
    private static final class Run {

        private final Sourced<RuleSet> ruleSet;
        private final List<Sourced<RuleSet>> context;
        private final Findings findings;
        private final AliasTable aliases;
        private final ModelTable models;
        private final RuleChecks checks;

        Run(Sourced<RuleSet> ruleSet, List<Sourced<RuleSet>> context) {
            this.ruleSet = ruleSet;
            this.context = context;
            this.findings = new Findings(ruleSet.sourceMap(), RuleSource.nameOf(ruleSet));
            this.aliases = AliasTable.of(context);
            this.models = ModelTable.of(context);
            this.checks = new RuleChecks(findings, aliases, models);
        }

        List<Diagnostic> diagnostics() {
            RuleSetSpec spec = ruleSet.value() == null ? null : ruleSet.value().spec();
            if (spec == null) {
                findings.error("/spec", "the rule set has no spec", "write its aliases, models and applications under spec");
                return findings.diagnostics();
            }
            checkAliases(spec.aliasesOrEmpty());
            checkModels(spec.modelsOrEmpty());
            checkApplications(spec.applicationsOrEmpty());
            checkAgainstEarlierRuleSets(spec);
            return findings.diagnostics();
        }

        private void checkAliases(List<Alias> declared) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                Alias alias = declared.get(i);
                String at = "/spec/aliases/" + i;
                if (alias == null || alias.name() == null || alias.name().isBlank()) {
                    findings.error(at + "/name", "an alias needs a name", null);
                    continue;
                }
                Integer first = seen.putIfAbsent(alias.name(), i);
                if (first != null) {
                    findings.warning(at + "/name", "alias '" + alias.name() + "' is declared again (first at "
                                    + findings.locate("/spec/aliases/" + first) + "); this later value wins",
                            "Supvisors keeps one value per alias name: the last one, expanded at the place of the first");
                }
                if (alias.identifiers() == null || alias.identifiers().isEmpty()) {
                    findings.warning(at, "alias '" + alias.name() + "' has no identifier; Supvisors ignores it", null);
                    continue;
                }
                checks.identifiers(at + "/identifiers", alias.identifiers());
                checkAliasesUsedIn(alias, at + "/identifiers");
            }
        }

        /** An alias only expands the aliases declared after it (Supvisors' single pass in declaration order). */
        private void checkAliasesUsedIn(Alias alias, String pointer) {
            AliasTable.Entry self = aliases.entry(alias.name());
            for (String used : alias.identifiers()) {
                String name = used == null ? "" : used.strip();
                AliasTable.Entry target = aliases.entry(name);
                if (target == null || self == null) {
                    continue;
                }
                if (name.equals(alias.name())) {
                    findings.error(pointer, "alias '" + alias.name() + "' refers to itself", "remove '" + name + "'");
                } else if (target.position() < self.position()) {
                    findings.error(pointer, "alias '" + alias.name() + "' uses alias '" + name + "', which is declared before it;"
                                    + " Supvisors would not expand '" + name + "' there",
                            "declare '" + alias.name() + "' before '" + name + "': aliases expand in declaration order");
                }
            }
        }

        private void checkModels(List<ProgramRule> declared) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                ProgramRule model = declared.get(i);
                String at = "/spec/models/" + i;
                if (model == null) {
                    findings.error(at, "empty model entry", null);
                    continue;
                }
                if (model.name() == null || model.name().isBlank()) {
                    findings.error(at + "/name", "a model needs a name", "programs refer to a model by its name");
                }
                if (model.pattern() != null) {
                    findings.error(at + "/pattern", "a model has no pattern; it is only used through references to its name",
                            "remove the pattern");
                }
                if (model.name() != null) {
                    Integer first = seen.putIfAbsent(model.name(), i);
                    if (first != null) {
                        findings.warning(at + "/name", "model '" + model.name() + "' is declared again (first at "
                                + findings.locate("/spec/models/" + first) + "); this later declaration wins", null);
                    }
                    List<String> path = models.fullPath(model.name());
                    if (path.size() > 1 && path.get(path.size() - 1).equals(model.name())) {
                        findings.error(at + "/reference", path.size() == 2 ? "model '" + model.name() + "' references itself"
                                        : "cyclic model references: " + String.join(" -> ", path),
                                "break the cycle; Supvisors would apply the models again and again until its depth limit");
                    }
                }
                checkProgramValues(at, model);
                if (model.reference() != null && models.get(model.reference()) == null) {
                    checks.reference(at + "/reference", model);
                }
            }
        }

        private void checkApplications(List<ApplicationRule> declared) {
            Map<String, Integer> names = new HashMap<>();
            Map<String, Integer> patterns = new HashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                ApplicationRule application = declared.get(i);
                String at = "/spec/applications/" + i;
                if (application == null) {
                    findings.error(at, "empty application entry", null);
                    continue;
                }
                if (!nameXorPattern(at, "an application rule", application.name(), application.pattern())) {
                    continue;
                }
                if (application.name() != null) {
                    Integer first = names.putIfAbsent(application.name(), i);
                    if (first != null) {
                        findings.warning(at + "/name", "application '" + application.name() + "' is declared again (first at "
                                        + findings.locate("/spec/applications/" + first) + "); this declaration is ignored",
                                "Supvisors uses the first application element with a given name");
                    }
                } else {
                    checks.pattern(at + "/pattern", application.pattern());
                    Integer first = patterns.putIfAbsent(application.pattern(), i);
                    if (first != null) {
                        findings.warning(at + "/pattern", "pattern '" + application.pattern() + "' is declared again (first at "
                                        + findings.locate("/spec/applications/" + first) + "); this later declaration wins",
                                "Supvisors keeps one element per pattern string: the last one, ranked at the place of the first");
                    }
                }
                checkApplicationValues(at, application);
                checkPrograms(at, application.programsOrEmpty());
            }
        }

        private void checkApplicationValues(String at, ApplicationRule application) {
            AliasTable.Expansion expansion = checks.identifiers(at + "/identifiers", application.identifiers());
            checks.applicationSigns(at + "/identifiers", application.name(), expansion);
            if (application.identifiers() != null && !application.identifiers().isEmpty()
                    && (application.distribution() == null || application.distribution() == Distribution.ALL_INSTANCES)) {
                findings.warning(at + "/identifiers", "the identifiers of an application are only used when its distribution"
                                + " is SINGLE_INSTANCE or SINGLE_NODE",
                        "with ALL_INSTANCES (the default) each program is placed on its own identifiers; set distribution"
                                + " or move the identifiers to the programs");
            }
            checks.sequence(at + "/startSequence", "start_sequence", application.startSequence());
            checks.sequence(at + "/stopSequence", "stop_sequence", application.stopSequence());
            checks.restartBudget(at, application.maxRestarts(), application.restartWindowSecs());
            checks.formula(at + "/operationalStatus", application.operationalStatus());
        }

        private void checkPrograms(String applicationAt, List<ProgramRule> programs) {
            Map<String, Integer> names = new HashMap<>();
            Map<String, Integer> patterns = new HashMap<>();
            for (int j = 0; j < programs.size(); j++) {
                ProgramRule program = programs.get(j);
                String at = applicationAt + "/programs/" + j;
                if (program == null) {
                    findings.error(at, "empty program entry", null);
                    continue;
                }
                if (!nameXorPattern(at, "a program rule", program.name(), program.pattern())) {
                    continue;
                }
                if (program.name() != null) {
                    Integer first = names.putIfAbsent(program.name(), j);
                    if (first != null) {
                        findings.warning(at + "/name", "program '" + program.name() + "' is declared again in this application"
                                        + " (first at " + findings.locate(applicationAt + "/programs/" + first)
                                        + "); this declaration is ignored",
                                "Supvisors uses the first program element with a given name");
                    }
                } else {
                    checks.pattern(at + "/pattern", program.pattern());
                    Integer first = patterns.putIfAbsent(program.pattern(), j);
                    if (first != null) {
                        findings.warning(at + "/pattern", "program pattern '" + program.pattern() + "' is declared again in"
                                        + " this application (first at " + findings.locate(applicationAt + "/programs/" + first)
                                        + "); this later declaration wins",
                                "Supvisors keeps one element per pattern string: the last one, ranked at the place of the first");
                    }
                }
                checkProgramValues(at, program);
                checks.reference(at + "/reference", program);
                checkEffectiveProgram(at, program);
            }
        }

        private void checkProgramValues(String at, ProgramRule rule) {
            checks.identifiers(at + "/identifiers", rule.identifiers());
            checks.sequence(at + "/startSequence", "start_sequence", rule.startSequence());
            checks.sequence(at + "/stopSequence", "stop_sequence", rule.stopSequence());
            checks.expectedLoading(at + "/expectedLoading", rule.expectedLoading());
        }

        /** What Supvisors' {@code check_dependencies} would change once the models are applied under the program. */
        private void checkEffectiveProgram(String at, ProgramRule program) {
            ModelTable.Chain chain = models.follow(program.reference());
            ProgramRulesBuilder rules = new ProgramRulesBuilder(aliases, null, null);
            for (int level = chain.levels().size() - 1; level >= 0; level--) {
                rules.apply(chain.levels().get(level).rule(), "model " + chain.levels().get(level).name());
            }
            rules.apply(program, "program");
            boolean byPattern = program.name() == null;
            boolean atSign = !rules.atIdentifiers().isEmpty();
            boolean hashSign = !rules.hashIdentifiers().isEmpty();
            if ((atSign || hashSign) && !byPattern) {
                findings.warning(at + "/identifiers", "'" + (atSign ? "@" : "#") + "' in the identifiers of program '"
                                + program.name() + "' (selected by its exact name) is reset to '*'",
                        "Supvisors only applies '#' and '@' to programs selected by a pattern, such as pattern=\""
                                + program.name() + "_\\d+\"");
            } else if (atSign && hashSign) {
                findings.warning(at + "/identifiers", "both '@' and '#' apply to this program; '@' prevails and '#' is dropped",
                        "keep one of them");
            }
            if (rules.required() && rules.startSequence() == 0) {
                findings.warning(at + "/required", "required is true but start_sequence is 0 or not set;"
                                + " required is forced to false",
                        "a required process must be started with its application: give it a start_sequence of 1 or more");
            }
        }

        private boolean nameXorPattern(String at, String what, String name, String pattern) {
            if (name != null && pattern != null) {
                findings.error(at, what + " has both a name and a pattern", "keep one: name for an exact name, pattern"
                        + " for a regular expression (pattern \"\" matches everything)");
                return false;
            }
            if (name == null && pattern == null) {
                findings.error(at, what + " has neither a name nor a pattern", "add name (exact) or pattern (regular"
                        + " expression; \"\" matches everything)");
                return false;
            }
            if (name != null && name.isEmpty()) {
                findings.error(at + "/name", what + " has an empty name", "use pattern \"\" to match every name");
                return false;
            }
            return true;
        }

        /** Declarations that an earlier rule set hides, or that replace an earlier rule set's (merge by name). */
        private void checkAgainstEarlierRuleSets(RuleSetSpec spec) {
            List<Sourced<RuleSet>> earlier = new ArrayList<>();
            for (Sourced<RuleSet> other : context) {
                if (other == ruleSet) {
                    break;
                }
                if (other.value() != null && other.value().spec() != null) {
                    earlier.add(other);
                }
            }
            for (Sourced<RuleSet> other : earlier) {
                String otherName = RuleSource.nameOf(other);
                RuleSetSpec otherSpec = other.value().spec();
                List<ApplicationRule> applications = spec.applicationsOrEmpty();
                for (int i = 0; i < applications.size(); i++) {
                    ApplicationRule application = applications.get(i);
                    if (application == null) {
                        continue;
                    }
                    String at = "/spec/applications/" + i;
                    if (application.name() != null && otherSpec.applicationsOrEmpty().stream()
                            .anyMatch(a -> a != null && application.name().equals(a.name()))) {
                        findings.warning(at + "/name", "application '" + application.name() + "' is also declared in RuleSet "
                                + otherName + ", which comes first; this declaration is ignored", null);
                    }
                    if (application.pattern() != null && otherSpec.applicationsOrEmpty().stream()
                            .anyMatch(a -> a != null && application.pattern().equals(a.pattern()))) {
                        findings.warning(at + "/pattern", "pattern '" + application.pattern() + "' is also declared in RuleSet "
                                + otherName + "; this declaration replaces it", null);
                    }
                }
                List<Alias> aliasList = spec.aliasesOrEmpty();
                for (int i = 0; i < aliasList.size(); i++) {
                    Alias alias = aliasList.get(i);
                    if (alias != null && alias.name() != null && otherSpec.aliasesOrEmpty().stream()
                            .anyMatch(a -> a != null && alias.name().equals(a.name()))) {
                        findings.warning("/spec/aliases/" + i + "/name", "alias '" + alias.name() + "' is also declared in"
                                + " RuleSet " + otherName + "; this value replaces it everywhere", null);
                    }
                }
                List<ProgramRule> modelList = spec.modelsOrEmpty();
                for (int i = 0; i < modelList.size(); i++) {
                    ProgramRule model = modelList.get(i);
                    if (model != null && model.name() != null && otherSpec.modelsOrEmpty().stream()
                            .anyMatch(m -> m != null && model.name().equals(m.name()))) {
                        findings.warning("/spec/models/" + i + "/name", "model '" + model.name() + "' is also declared in"
                                + " RuleSet " + otherName + "; this declaration replaces it everywhere", null);
                    }
                }
            }
        }
    }
}
