package io.drover.api.rules;

import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.applicationPattern;
import static io.drover.api.rules.Rules.program;
import static io.drover.api.rules.Rules.programPattern;
import static io.drover.api.rules.Rules.ruleSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which element Supvisors picks for a name: exact first, then the longest re.search match, ties to the first. */
class PatternMatchingTest {

    /** Patterns declared in this order; the start_sequence tells which one was chosen. */
    private final RuleResolver resolver = new RuleResolver(List.of(ruleSet("patterns",
            applicationPattern("").startSequence(1).build(),
            applicationPattern("prg_").startSequence(2).build(),
            applicationPattern("app").startSequence(3).build(),
            applicationPattern("ppa").startSequence(4).build(),
            applicationPattern("app_\\d+").startSequence(5).build(),
            applicationPattern("^db").startSequence(6).build(),
            applicationPattern("x|xyz").startSequence(7).build(),
            application("app_12").startSequence(8).build())));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "other, 1, ''",                    // only the empty pattern matches: zero-length catch-all
            "dummy_prg_2, 2, prg_",            // re.search: a pattern matches anywhere in the name
            "app_x, 3, app",
            "app_7, 5, app_\\d+",              // 'app_7' (5 chars) beats 'app' (3)
            "app_12, 8, ",                     // the exact name wins over every pattern
            "app_123, 5, app_\\d+",
            "ppa_app, 3, app",                 // tie of 3 characters: the first declared wins
            "apppa, 3, app",
            "db_main, 6, ^db",
            "main_db, 1, ''",                  // '^db' is anchored by its author, not by Supvisors
            "xyz, 7, x|xyz"})                  // leftmost-first alternation: the match is 'x', 1 character
    void picksTheBestElement(String applicationName, int startSequence, String pattern) {
        ResolvedApplication rules = resolver.application(applicationName);
        assertEquals(startSequence, rules.startSequence());
        assertEquals(pattern, rules.matchedRule().pattern());
    }

    @Test
    void alternationMatchLengthIsTheBacktrackingOne() {
        // 'x|xyz' matches only 'x' in 'xyz', so a 2-character pattern beats it
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("alt",
                applicationPattern("x|xyz").startSequence(1).build(),
                applicationPattern("xy").startSequence(2).build())));
        assertEquals(2, resolver.application("xyz").startSequence());
    }

    @Test
    void exactNameIsTakenFromTheFirstRuleSetThatDeclaresIt() {
        RuleResolver resolver = new RuleResolver(List.of(
                ruleSet("first", application("app").startSequence(1).build()),
                ruleSet("second", application("app").startSequence(2).build(),
                        applicationPattern("app").startSequence(3).build())));
        ResolvedApplication rules = resolver.application("app");
        assertEquals(1, rules.startSequence());
        assertEquals(RuleMatch.byName("first", "app"), rules.matchedRule());
    }

    @Test
    void duplicateExactNameInOneRuleSetFirstWins() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("dup",
                application("app").startSequence(1).build(),
                application("app").startSequence(2).build())));
        assertEquals(1, resolver.application("app").startSequence());
    }

    @Test
    void samePatternInALaterRuleSetOverridesButKeepsItsRankForTies() {
        RuleResolver resolver = new RuleResolver(List.of(
                ruleSet("first",
                        applicationPattern("abc").startSequence(1).build(),
                        applicationPattern("xyz").startSequence(2).build()),
                ruleSet("second", applicationPattern("abc").startSequence(3).build())));
        // 'abc' and 'xyz' tie on 'abc_xyz': 'abc' keeps its first place, with the later rule set's content
        ResolvedApplication rules = resolver.application("abc_xyz");
        assertEquals(3, rules.startSequence());
        assertEquals(RuleMatch.byPattern("second", "abc"), rules.matchedRule());
    }

    @Test
    void samePatternTwiceInOneRuleSetLastWins() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("dup",
                applicationPattern("app").startSequence(1).build(),
                applicationPattern("app").startSequence(2).build())));
        assertEquals(2, resolver.application("my_app").startSequence());
    }

    @Test
    void programRulesAreScopedToTheChosenApplicationElement() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("scoped",
                application("alpha").programs(programPattern("worker").startSequence(1)).build(),
                applicationPattern("al").programs(programPattern("work").startSequence(2),
                        program("worker_1").startSequence(3)).build())));
        // 'alpha' is chosen by exact name: the patterns of 'al' do not apply to its programs
        assertEquals(1, resolver.program("alpha", "worker_1").startSequence());
        assertEquals(RuleMatch.byPattern("scoped", "worker"), resolver.program("alpha", "worker_1").matchedRule());
        assertEquals(3, resolver.program("alps", "worker_1").startSequence());
        assertEquals(2, resolver.program("alps", "worker_2").startSequence());
        ResolvedProgram none = resolver.program("alpha", "other");
        assertNull(none.matchedRule());
        assertEquals(0, none.startSequence());
    }

    @Test
    void exactProgramNameBeforePatternAndFirstDeclarationWins() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("programs",
                application("app").programs(
                        programPattern("prg").startSequence(1),
                        program("prg_01").startSequence(2),
                        program("prg_01").startSequence(3),
                        programPattern("prg_0").startSequence(4),
                        programPattern("prg_0").startSequence(5)).build())));
        assertEquals(2, resolver.program("app", "prg_01").startSequence());
        assertEquals(5, resolver.program("app", "prg_02").startSequence(), "longest pattern, last declaration of it");
        assertEquals(1, resolver.program("app", "prg_11").startSequence());
    }

    @Test
    void pythonSyntaxPatternsAreUnderstood() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("python",
                applicationPattern("(?P<kind>srv|hci)_(?P=kind)").startSequence(1).build(),
                applicationPattern("end\\Z").startSequence(2).build())));
        assertEquals(1, resolver.application("x_srv_srv").startSequence());
        assertEquals(2, resolver.application("the_end").startSequence());
        assertFalse(resolver.application("srv_hci").managed());
    }

    @Test
    void anInvalidPatternMatchesNothing() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("invalid",
                applicationPattern("app[").startSequence(1).build())));
        assertFalse(resolver.application("app[").managed());
    }
}
