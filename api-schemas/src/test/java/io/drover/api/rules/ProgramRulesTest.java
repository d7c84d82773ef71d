package io.drover.api.rules;

import static io.drover.api.rules.Rules.alias;
import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.model;
import static io.drover.api.rules.Rules.program;
import static io.drover.api.rules.Rules.programPattern;
import static io.drover.api.rules.Rules.ruleSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Alias;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Models, identifiers, signs and the post-load checks of one process's rules. */
class ProgramRulesTest {

    private static RuleResolver resolver(List<Alias> aliases, List<ProgramRule> models, ApplicationRule application) {
        return new RuleResolver(List.of(ruleSet("rules", aliases, models, List.of(application))));
    }

    // models -------------------------------------------------------------------------------------------------------

    @Test
    void twoModelLevelsApplyDeepestFirstAndTheThirdIsIgnored() {
        RuleResolver resolver = resolver(List.of(), List.of(
                        model("m1").reference("m2").startSequence(1),
                        model("m2").reference("m3").startSequence(2).expectedLoading(20).waitExit(true),
                        model("m3").startSequence(3).expectedLoading(30).required(true).stopSequence(9)).stream()
                        .map(Rules.ProgramBuilder::build).toList(),
                application("app").programs(program("prg").reference("m1")).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertEquals(List.of("m1", "m2"), rules.modelChain());
        assertEquals(1, rules.startSequence(), "the nearest model wins");
        assertEquals(20, rules.expectedLoading(), "from m2");
        assertTrue(rules.waitExit());
        assertFalse(rules.required(), "m3 is beyond the limit");
        assertEquals(1, rules.stopSequence(), "m3's stop_sequence is ignored too");
        assertTrue(rules.notes().stream().anyMatch(n -> n.contains("model 'm3' ignored")), rules.notes().toString());
    }

    @Test
    void unknownModelIsIgnored() {
        RuleResolver resolver = resolver(List.of(), List.of(),
                application("app").programs(program("prg").reference("nowhere").startSequence(2)).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertEquals(2, rules.startSequence());
        assertEquals(List.of(), rules.modelChain());
        assertTrue(rules.notes().stream().anyMatch(n -> n.contains("'nowhere' names no model")));
    }

    @Test
    void cyclicModelsAreCutAtTheDepthLimit() {
        RuleResolver resolver = resolver(List.of(), List.of(model("a").reference("b").startSequence(1).build(),
                        model("b").reference("a").startSequence(2).build()),
                application("app").programs(program("prg").reference("a")).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertEquals(List.of("a", "b"), rules.modelChain());
        assertEquals(1, rules.startSequence());
    }

    @Test
    void laterModelDeclarationWins() {
        RuleResolver resolver = new RuleResolver(List.of(
                ruleSet("first", List.of(), List.of(model("m").startSequence(1).build()),
                        List.of(application("app").programs(program("prg").reference("m")).build())),
                ruleSet("second", List.of(), List.of(model("m").startSequence(2).build()), List.of())));
        assertEquals(2, resolver.program("app", "prg").startSequence());
    }

    // defaults and post-load checks --------------------------------------------------------------------------------

    @Test
    void requiredIsForcedToFalseWithoutStartSequence() {
        RuleResolver resolver = resolver(List.of(), List.of(),
                application("app").programs(program("prg").required(true).stopSequence(4)).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertFalse(rules.required());
        assertEquals(0, rules.startSequence());
        assertEquals(4, rules.stopSequence());
        assertTrue(rules.notes().stream().anyMatch(n -> n.startsWith("required forced to false")));
    }

    @Test
    void failureStrategiesComeFromTheApplicationUnlessTheProgramSetsThem() {
        RuleResolver resolver = resolver(List.of(), List.of(model("m")
                        .startingFailureStrategy(StartingFailureStrategy.ABORT).build()),
                application("app")
                        .startingFailureStrategy(StartingFailureStrategy.STOP)
                        .runningFailureStrategy(RunningFailureStrategy.RESTART_PROCESS)
                        .programs(program("own").runningFailureStrategy(RunningFailureStrategy.SHUTDOWN),
                                program("modelled").reference("m"),
                                program("plain").startSequence(1))
                        .build());
        assertEquals(RunningFailureStrategy.SHUTDOWN, resolver.program("app", "own").runningFailureStrategy());
        assertEquals(StartingFailureStrategy.STOP, resolver.program("app", "own").startingFailureStrategy());
        assertEquals(StartingFailureStrategy.ABORT, resolver.program("app", "modelled").startingFailureStrategy());
        assertEquals(RunningFailureStrategy.RESTART_PROCESS, resolver.program("app", "plain").runningFailureStrategy());
        ResolvedProgram unmatched = resolver.program("app", "unknown");
        assertEquals(RunningFailureStrategy.RESTART_PROCESS, unmatched.runningFailureStrategy());
        assertEquals(List.of("*"), unmatched.identifiers());
        assertEquals(0, unmatched.startSequence());
    }

    @Test
    void negativeAndOutOfRangeValuesAreIgnoredAsSupvisorsIgnoresThem() {
        RuleResolver resolver = resolver(List.of(), List.of(model("m").startSequence(2).expectedLoading(5).build()),
                application("app").programs(program("prg").reference("m").startSequence(-1).expectedLoading(150)).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertEquals(2, rules.startSequence());
        assertEquals(5, rules.expectedLoading());
        assertEquals(2, rules.notes().stream().filter(n -> n.contains("ignored")).count(), rules.notes().toString());
    }

    // identifiers --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}] -> identifiers [{1}] hash [{2}] at [{3}]")
    @CsvSource(delimiter = '|', value = {
            // written (program pattern)         | identifiers              | hash                  | at
            "n1,n2                               | n1,n2                    |                       |",
            "n2,n1,n2                            | n2,n1                    |                       |",
            "n1,*,n2                             | *                        |                       |",
            "servers                             | s1,s2,s3                 |                       |",
            "n1,servers,s2                       | n1,s1,s2,s3              |                       |",
            "servers,servers                     | s1,s2,s3,servers         |                       |",
            "everything                          | s1,s2,s3,c1              |                       |",
            "late                                | consoles,n9              |                       |",
            "#                                   |                          | *                     |",
            "#,servers                           |                          | s1,s2,s3              |",
            "#,*,n1                              |                          | *                     |",
            "@                                   |                          |                       | *",
            "@,n1,n2                             |                          |                       | n1,n2",
            "@,#,n1                              |                          |                       | n1",
            "n1,,n2                              | n1,n2                    |                       |"})
    void identifiersOfAPatternProgram(String written, String identifiers, String hash, String at) {
        RuleResolver resolver = resolver(
                List.of(alias("everything", "servers", "c1"),
                        alias("servers", "s1", "s2", "s3"),
                        alias("consoles", "c1", "c2"),
                        alias("late", "consoles", "n9")),
                List.of(),
                application("app").programs(programPattern("prg").identifierList(List.of(written.split(",", -1)))).build());
        ResolvedProgram rules = resolver.program("app", "prg_01");
        assertEquals(list(identifiers), rules.identifiers());
        assertEquals(list(hash), rules.hashIdentifiers());
        assertEquals(list(at), rules.atIdentifiers());
    }

    @Test
    void aliasUsedInAnAliasDeclaredBeforeItStaysUnexpanded() {
        // 'consoles' is declared before 'late', which uses it: Supvisors has already passed 'consoles'
        RuleResolver resolver = resolver(List.of(alias("consoles", "c1", "c2"), alias("late", "consoles", "n9")),
                List.of(), application("app").programs(programPattern("").identifiers("late")).build());
        ResolvedProgram rules = resolver.program("app", "prg");
        assertEquals(List.of("consoles", "n9"), rules.identifiers());
        assertTrue(rules.notes().stream().anyMatch(n -> n.contains("alias 'consoles'")), rules.notes().toString());
    }

    @Test
    void signsOnAProgramSelectedByExactNameAreResetToWildcard() {
        RuleResolver resolver = resolver(List.of(), List.of(model("spread").identifiers("#,n1,n2").build()),
                application("app").programs(program("prg_01").identifiers("@,n1"),
                        program("prg_02").reference("spread"),
                        programPattern("prg_").reference("spread")).build());
        ResolvedProgram exact = resolver.program("app", "prg_01");
        assertEquals(List.of("*"), exact.identifiers());
        assertEquals(List.of(), exact.atIdentifiers());
        assertTrue(exact.notes().stream().anyMatch(n -> n.startsWith("'@' reset to '*'")));
        ResolvedProgram fromModel = resolver.program("app", "prg_02");
        assertEquals(List.of("*"), fromModel.identifiers());
        assertEquals(List.of(), fromModel.hashIdentifiers());
        ResolvedProgram byPattern = resolver.program("app", "prg_03");
        assertEquals(List.of(), byPattern.identifiers());
        assertEquals(List.of("n1", "n2"), byPattern.hashIdentifiers());
    }

    @Test
    void aSignOfAModelSurvivesAPlainListOfTheProgramAsInSupvisors() {
        RuleResolver resolver = resolver(List.of(), List.of(model("spread").identifiers("#,n1,n2").build()),
                application("app").programs(programPattern("prg_").reference("spread").identifiers("n3")).build());
        ResolvedProgram rules = resolver.program("app", "prg_01");
        assertEquals(List.of("n3"), rules.identifiers());
        assertEquals(List.of("n1", "n2"), rules.hashIdentifiers(), "resolution at start will override the plain list");
    }

    @Test
    void atAndHashFromDifferentLevelsAtPrevails() {
        RuleResolver resolver = resolver(List.of(), List.of(model("spread").identifiers("#,n1,n2").build()),
                application("app").programs(programPattern("prg_").reference("spread").identifiers("@,n3")).build());
        ResolvedProgram rules = resolver.program("app", "prg_01");
        assertEquals(List.of("n3"), rules.atIdentifiers());
        assertEquals(List.of(), rules.hashIdentifiers());
        assertEquals(List.of(), rules.identifiers());
        assertTrue(rules.notes().contains("'#' dropped: '@' prevails when both are set"));
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of() : List.of(commaSeparated.split(","));
    }
}
