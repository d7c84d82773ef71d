package io.drover.api.rules;

import static io.drover.api.rules.Rules.alias;
import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.applicationPattern;
import static io.drover.api.rules.Rules.model;
import static io.drover.api.rules.Rules.program;
import static io.drover.api.rules.Rules.programPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Severity;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Alias;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleSetValidatorTest {

    private static final String FILE = "rules.xml";
    private static final int LINE = 42;

    private final RuleSetValidator validator = new RuleSetValidator();

    /** A rule set whose source map knows one pointer, so that the diagnostic's line proves where it was reported. */
    private static Sourced<RuleSet> located(String pointer, List<Alias> aliases, List<ProgramRule> models,
                                            List<ApplicationRule> applications) {
        return new Sourced<>(RuleSet.of("checked", new RuleSetSpec(aliases, models, applications)),
                new SourceMap(FILE, SourceLocation.of(FILE), Map.of(pointer, new SourceLocation(FILE, LINE, 5))));
    }

    private static Arguments problem(String what, Severity severity, String message, String pointer, List<Alias> aliases,
                                     List<ProgramRule> models, List<ApplicationRule> applications) {
        return Arguments.of(what, severity, message, located(pointer, aliases, models, applications));
    }

    private static Arguments problem(String what, Severity severity, String message, String pointer, ApplicationRule... applications) {
        return problem(what, severity, message, pointer, List.of(), List.of(), List.of(applications));
    }

    static Stream<Arguments> problems() {
        ProgramRule services = model("services").startSequence(1).build();
        return Stream.of(
                problem("application with name and pattern", Severity.ERROR, "an application rule has both a name and a pattern",
                        "/spec/applications/0", application("a").pattern("a").build()),
                problem("application with neither", Severity.ERROR, "an application rule has neither a name nor a pattern",
                        "/spec/applications/0", new Rules.ApplicationBuilder().build()),
                problem("application with an empty name", Severity.ERROR, "an application rule has an empty name",
                        "/spec/applications/0/name", application("").build()),
                problem("program with name and pattern", Severity.ERROR, "a program rule has both a name and a pattern",
                        "/spec/applications/0/programs/1",
                        application("a").programs(program("p"), program("q").pattern("q")).build()),
                problem("program with neither", Severity.ERROR, "a program rule has neither a name nor a pattern",
                        "/spec/applications/0/programs/0", application("a").programs(new Rules.ProgramBuilder()).build()),
                problem("invalid application pattern", Severity.ERROR, "'srv_[' is not a valid regular expression",
                        "/spec/applications/0/pattern", applicationPattern("srv_[").build()),
                problem("invalid program pattern", Severity.ERROR, "'(?<x>a)' is not a valid regular expression",
                        "/spec/applications/0/programs/0/pattern", application("a").programs(programPattern("(?<x>a)")).build()),
                problem("model without name", Severity.ERROR, "a model needs a name", "/spec/models/0/name",
                        List.of(), List.of(new Rules.ProgramBuilder().startSequence(1).build()), List.of()),
                problem("model with pattern", Severity.ERROR, "a model has no pattern", "/spec/models/0/pattern",
                        List.of(), List.of(model("m").pattern("m").build()), List.of()),
                problem("unknown model", Severity.ERROR, "reference 'servics' names no model",
                        "/spec/applications/0/programs/0/reference", List.of(), List.of(services),
                        List.of(application("a").programs(program("p").reference("servics")).build())),
                problem("model referencing an unknown model", Severity.ERROR, "reference 'nothing' names no model",
                        "/spec/models/0/reference", List.of(), List.of(model("m").reference("nothing").build()), List.of()),
                problem("model referencing itself", Severity.ERROR, "model 'm' references itself", "/spec/models/0/reference",
                        List.of(), List.of(model("m").reference("m").build()), List.of()),
                problem("cyclic models", Severity.ERROR, "cyclic model references: a -> b -> a", "/spec/models/0/reference",
                        List.of(), List.of(model("a").reference("b").build(), model("b").reference("a").build()), List.of()),
                problem("chain deeper than Supvisors applies", Severity.WARNING,
                        "the reference chain m1 -> m2 -> m3 is deeper than Supvisors applies: model 'm3' and beyond are ignored",
                        "/spec/applications/0/programs/0/reference", List.of(),
                        List.of(model("m1").reference("m2").build(), model("m2").reference("m3").build(), model("m3").build()),
                        List.of(application("a").programs(program("p").reference("m1")).build())),
                problem("alias using an alias declared before it", Severity.ERROR,
                        "alias 'all' uses alias 'servers', which is declared before it", "/spec/aliases/1/identifiers",
                        List.of(alias("servers", "s1"), alias("all", "servers", "c1")), List.of(), List.of()),
                problem("alias referring to itself", Severity.ERROR, "alias 'loop' refers to itself", "/spec/aliases/0/identifiers",
                        List.of(alias("loop", "loop", "s1")), List.of(), List.of()),
                problem("alias declared twice", Severity.WARNING, "alias 'servers' is declared again", "/spec/aliases/1/name",
                        List.of(alias("servers", "s1"), alias("servers", "s2")), List.of(), List.of()),
                problem("empty alias", Severity.WARNING, "alias 'none' has no identifier; Supvisors ignores it", "/spec/aliases/0",
                        List.of(new Alias("none", List.of())), List.of(), List.of()),
                problem("alias named twice in a list", Severity.WARNING, "alias 'servers' is not expanded here",
                        "/spec/applications/0/programs/0/identifiers", List.of(alias("servers", "s1")), List.of(),
                        List.of(application("a").programs(programPattern("").identifiers("servers,servers")).build())),
                problem("model declared twice", Severity.WARNING, "model 'm' is declared again", "/spec/models/1/name",
                        List.of(), List.of(model("m").build(), model("m").build()), List.of()),
                problem("application declared twice", Severity.WARNING, "application 'a' is declared again", "/spec/applications/1/name",
                        application("a").build(), application("a").build()),
                problem("application pattern declared twice", Severity.WARNING, "pattern 'a_' is declared again",
                        "/spec/applications/1/pattern", applicationPattern("a_").build(), applicationPattern("a_").build()),
                problem("program declared twice", Severity.WARNING, "program 'p' is declared again in this application",
                        "/spec/applications/0/programs/1/name", application("a").programs(program("p"), program("p")).build()),
                problem("program pattern declared twice", Severity.WARNING, "program pattern 'p_' is declared again",
                        "/spec/applications/0/programs/1/pattern",
                        application("a").programs(programPattern("p_"), programPattern("p_")).build()),
                problem("comma inside one identifier", Severity.ERROR, "identifier 'n1,n2' contains a comma",
                        "/spec/applications/0/programs/0/identifiers/1",
                        application("a").programs(programPattern("").identifierList(List.of("n0", "n1,n2"))).build()),
                problem("hash on a program selected by name", Severity.WARNING,
                        "'#' in the identifiers of program 'p' (selected by its exact name) is reset to '*'",
                        "/spec/applications/0/programs/0/identifiers", application("a").programs(program("p").identifiers("#,n1")).build()),
                problem("at from a model on a program selected by name", Severity.WARNING,
                        "'@' in the identifiers of program 'p' (selected by its exact name) is reset to '*'",
                        "/spec/applications/0/programs/0/identifiers", List.of(), List.of(model("m").identifiers("@").build()),
                        List.of(application("a").programs(program("p").reference("m")).build())),
                problem("at and hash on a program", Severity.WARNING, "both '@' and '#' apply to this program; '@' prevails",
                        "/spec/applications/0/programs/0/identifiers",
                        application("a").programs(programPattern("p_").identifiers("@,#,n1")).build()),
                problem("at on an application", Severity.ERROR, "'@' is not supported in the identifiers of an application",
                        "/spec/applications/0/identifiers",
                        applicationPattern("a_").distribution(Distribution.SINGLE_INSTANCE).identifiers("@,n1").build()),
                problem("at and hash on an application", Severity.WARNING, "'@' is not supported in the identifiers of an application"
                        + " and is ignored; '#' applies", "/spec/applications/0/identifiers",
                        applicationPattern("a_").distribution(Distribution.SINGLE_INSTANCE).identifiers("@,#,n1").build()),
                problem("hash on an application whose name has no index", Severity.ERROR,
                        "'#' needs an application name ending with _N or -N (N >= 1), but the name is 'hci'",
                        "/spec/applications/0/identifiers",
                        application("hci").distribution(Distribution.SINGLE_INSTANCE).identifiers("#,n1").build()),
                problem("hash on an application numbered 0", Severity.ERROR, "but the name is 'hci_0'",
                        "/spec/applications/0/identifiers",
                        application("hci_0").distribution(Distribution.SINGLE_INSTANCE).identifiers("#,n1").build()),
                problem("application identifiers without distribution", Severity.WARNING,
                        "the identifiers of an application are only used when its distribution is SINGLE_INSTANCE or SINGLE_NODE",
                        "/spec/applications/0/identifiers", application("a").identifiers("n1").build()),
                problem("negative start_sequence", Severity.ERROR, "start_sequence is -1; it must be 0 or more",
                        "/spec/applications/0/startSequence", application("a").startSequence(-1).build()),
                problem("negative stop_sequence", Severity.ERROR, "stop_sequence is -3; it must be 0 or more",
                        "/spec/applications/0/programs/0/stopSequence",
                        application("a").programs(program("p").stopSequence(-3)).build()),
                problem("start_sequence beyond a byte", Severity.ERROR, "start_sequence is 128; it must be at most 127",
                        "/spec/models/0/startSequence", List.of(), List.of(model("m").startSequence(128).build()), List.of()),
                problem("expected_loading beyond 100", Severity.ERROR, "expected_loading is 101; it must be between 0 and 100",
                        "/spec/applications/0/programs/0/expectedLoading",
                        application("a").programs(program("p").expectedLoading(101)).build()),
                problem("required without start_sequence", Severity.WARNING,
                        "required is true but start_sequence is 0 or not set; required is forced to false",
                        "/spec/applications/0/programs/0/required", application("a").programs(program("p").required(true)).build()),
                problem("required with a model's start_sequence 0", Severity.WARNING, "required is forced to false",
                        "/spec/applications/0/programs/0/required", List.of(), List.of(model("m").startSequence(0).build()),
                        List.of(application("a").programs(program("p").reference("m").required(true)).build())),
                problem("formula that does not parse", Severity.ERROR,
                        "operational_status does not parse at column 21: expected ')' to close all(, found the end of the formula",
                        "/spec/applications/0/operationalStatus", application("a").operationalStatus("all('x') and all('y'").build()),
                problem("formula with two arguments", Severity.ERROR, "operational_status does not parse at column 8: any() takes"
                        + " exactly one argument", "/spec/applications/0/operationalStatus",
                        application("a").operationalStatus("any('a', 'b')").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void reportsAtTheLineOfTheElement(String what, Severity severity, String message, Sourced<RuleSet> ruleSet) {
        List<Diagnostic> diagnostics = validator.validate(ruleSet);
        Diagnostic found = diagnostics.stream().filter(d -> d.message().contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + message + "' in " + diagnostics));
        assertEquals(severity, found.severity(), found.format());
        assertEquals(LINE, found.location().line(), found.format());
        assertEquals(FILE, found.location().file());
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        Sourced<RuleSet> ruleSet = Rules.ruleSet("r", List.of(), List.of(model("services").build(), model("bus").build()),
                List.of(application("a").programs(program("p").reference("servics")).build()));
        Diagnostic error = validator.validate(ruleSet).get(0);
        assertEquals("known models: services, bus; Supvisors would silently ignore the reference", error.hint());
    }

    @Test
    void commaHintListsTheIdentifiers() {
        Sourced<RuleSet> ruleSet = Rules.ruleSet("r",
                application("a").programs(programPattern("").identifierList(List.of("n1, n2"))).build());
        assertEquals("write one identifier per list element: [n1, n2]", validator.validate(ruleSet).get(0).hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scenario1", "scenario2", "scenario2Multicast", "scenario3", "scenario3Multicast"})
    void theSupvisorsUseCasesAreClean(String scenario) throws Exception {
        @SuppressWarnings("unchecked")
        Sourced<RuleSet> ruleSet = (Sourced<RuleSet>) ScenarioRuleSets.class.getDeclaredMethod(scenario).invoke(null);
        assertEquals(List.of(), validator.validate(ruleSet));
    }

    @Test
    void aliasUsingAnAliasDeclaredAfterItIsFine() {
        Sourced<RuleSet> ruleSet = Rules.ruleSet("r", List.of(alias("all", "servers", "c1"), alias("servers", "s1")),
                List.of(), List.of(application("a").programs(programPattern("").identifiers("all")).build()));
        assertEquals(List.of(), validator.validate(ruleSet));
    }

    @Test
    void hashOnAnApplicationPatternOrANumberedNameIsFine() {
        Sourced<RuleSet> ruleSet = Rules.ruleSet("r",
                applicationPattern("hci").distribution(Distribution.SINGLE_INSTANCE).identifiers("#,n1").build(),
                application("hci-2").distribution(Distribution.SINGLE_INSTANCE).identifiers("#,n1").build());
        assertEquals(List.of(), validator.validate(ruleSet));
    }

    @Test
    void referencesAndAliasesMayComeFromAnotherRuleSet() {
        Sourced<RuleSet> shared = Rules.ruleSet("shared", List.of(alias("servers", "s1")),
                List.of(model("services").startSequence(1).build()), List.of());
        Sourced<RuleSet> user = Rules.ruleSet("user", List.of(), List.of(),
                List.of(application("a").programs(programPattern("").reference("services").identifiers("servers")).build()));
        assertEquals(List.of(), validator.validate(user, List.of(shared, user)));
        assertEquals(1, validator.validate(user).size(), "alone, the model is unknown");
    }

    @Test
    void declarationsAcrossRuleSets() {
        Sourced<RuleSet> first = Rules.ruleSet("first", List.of(alias("servers", "s1")), List.of(model("m").build()),
                List.of(application("app").build(), applicationPattern("srv_").build()));
        Sourced<RuleSet> second = Rules.ruleSet("second", List.of(alias("servers", "s2")), List.of(model("m").build()),
                List.of(application("app").build(), applicationPattern("srv_").build()));
        List<Diagnostic> diagnostics = validator.validateAll(List.of(first, second));
        assertEquals(List.of(
                "application 'app' is also declared in RuleSet first, which comes first; this declaration is ignored",
                "pattern 'srv_' is also declared in RuleSet first; this declaration replaces it",
                "alias 'servers' is also declared in RuleSet first; this value replaces it everywhere",
                "model 'm' is also declared in RuleSet first; this declaration replaces it everywhere"),
                diagnostics.stream().map(Diagnostic::message).toList());
        assertTrue(diagnostics.stream().allMatch(d -> d.severity() == Severity.WARNING));
        assertTrue(diagnostics.stream().allMatch(d -> d.location().file().equals("second.xml")));
    }

    @Test
    void applicationManifestRulesAreCheckedAgainstTheRuleSets() {
        ProgramSpec worker = ProgramSpec.builder("worker").command("run").reference("servics").build();
        ApplicationSpec spec = new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("@", "n1"), null, null, null, null,
                null, "all(", List.of(worker));
        Sourced<Application> application = new Sourced<>(Application.of("hci", spec), new SourceMap("hci.yaml",
                SourceLocation.of("hci.yaml"), Map.of("/spec/programs/0/reference", new SourceLocation("hci.yaml", 7, 16))));
        List<Diagnostic> diagnostics = validator.validateApplication(application, List.of(ScenarioRuleSets.scenario2()));
        assertEquals(List.of(
                "'@' is not supported in the identifiers of an application",
                "operational_status does not parse at column 5: expected an expression, found the end of the formula",
                "reference 'servics' names no model"), diagnostics.stream().map(Diagnostic::message).toList());
        assertEquals(7, diagnostics.get(2).location().line());
    }
}
