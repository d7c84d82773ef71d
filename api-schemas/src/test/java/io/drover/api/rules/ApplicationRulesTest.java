package io.drover.api.rules;

import static io.drover.api.rules.Rules.alias;
import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.applicationPattern;
import static io.drover.api.rules.Rules.ruleSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Application-level rules: defaults, managed state, the '#' sign, '@', the status formula. */
class ApplicationRulesTest {

    @Test
    void unmanagedApplicationGetsNoRules() {
        RuleResolver resolver = new RuleResolver(List.of(ScenarioRuleSets.scenario1()),
                ResolverOptions.defaults().withDefaultStartingStrategy(StartingStrategy.LESS_LOADED));
        ResolvedApplication rules = resolver.application("elsewhere");
        assertFalse(rules.managed());
        assertNull(rules.matchedRule());
        assertEquals(Distribution.ALL_INSTANCES, rules.distribution());
        assertEquals(List.of("*"), rules.identifiers());
        assertEquals(0, rules.startSequence());
        assertEquals(0, rules.stopSequence());
        assertEquals(StartingStrategy.LESS_LOADED, rules.startingStrategy(), "the option default, as Supvisors");
        assertEquals(StartingFailureStrategy.ABORT, rules.startingFailureStrategy());
        assertEquals(RunningFailureStrategy.CONTINUE, rules.runningFailureStrategy());
        ResolvedProgram process = resolver.program("elsewhere", "anything");
        assertNull(process.matchedRule());
        assertEquals(List.of("*"), process.identifiers());
        assertEquals(0, process.startSequence());
        assertFalse(process.required());
    }

    @Test
    void managedDefaults() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("defaults", application("app").build())));
        ResolvedApplication rules = resolver.application("app");
        assertTrue(rules.managed());
        assertEquals(StartingStrategy.CONFIG, rules.startingStrategy());
        assertEquals(StartingFailureStrategy.ABORT, rules.startingFailureStrategy());
        assertEquals(RunningFailureStrategy.CONTINUE, rules.runningFailureStrategy());
        assertEquals(0, rules.startSequence());
        assertEquals(0, rules.stopSequence());
    }

    @Test
    void stopSequenceDefaultsToStartSequence() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("sequences",
                application("a").startSequence(3).build(),
                application("b").startSequence(3).stopSequence(0).build())));
        assertEquals(3, resolver.application("a").stopSequence());
        assertEquals(0, resolver.application("b").stopSequence());
    }

    @ParameterizedTest(name = "{0} with # over [{1}]")
    @CsvSource({
            "hci_1, 'a,b,c', a, 2",
            "hci-3, 'a,b,c', c, 2",
            "hci_04, 'a,b,c', a, 2",
            "hci_7, 'a', a, 2",
            "x_y_12, 'a,b,c', c, 2"})
    void hashPicksTheNthIdentifier(String name, String list, String chosen, int startSequence) {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("hash",
                applicationPattern("").identifiers("#," + list).distribution(Distribution.SINGLE_INSTANCE).startSequence(2).build())));
        ResolvedApplication rules = resolver.application(name);
        assertEquals(List.of(chosen), rules.identifiers());
        assertEquals(startSequence, rules.startSequence());
        assertEquals(2, rules.stopSequence());
    }

    @ParameterizedTest
    @CsvSource({"hci", "hci_0", "hci_x", "hci_1a"})
    void hashOnANameWithoutIndexResetsStartSequence(String name) {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("hash",
                applicationPattern("hci").identifiers("#,a,b").startSequence(2).build())));
        ResolvedApplication rules = resolver.application(name);
        assertEquals(List.of(), rules.identifiers());
        assertEquals(0, rules.startSequence());
        assertEquals(2, rules.stopSequence(), "stop_sequence is set before the hash check, as in Supvisors");
        assertTrue(rules.notes().get(0).startsWith("'#' cannot be resolved"), rules.notes().toString());
    }

    @Test
    void hashWithWildcardUsesTheKnownNodesInOrder() {
        RuleResolver withNodes = new RuleResolver(List.of(ruleSet("hash", applicationPattern("hci").identifiers("#").build())),
                ResolverOptions.defaults().withKnownNodes(List.of(KnownNode.of("n1"), KnownNode.of("n2"))));
        assertEquals(List.of("n2"), withNodes.application("hci_2").identifiers());
        assertEquals(List.of("n1"), withNodes.application("hci_3").identifiers());
        RuleResolver withoutNodes = new RuleResolver(List.of(ruleSet("hash", applicationPattern("hci").identifiers("#,*").build())));
        ResolvedApplication unresolved = withoutNodes.application("hci_2");
        assertEquals(List.of(), unresolved.identifiers());
        assertEquals(List.of("*"), unresolved.hashIdentifiers());
        assertTrue(unresolved.notes().get(0).contains("no node is known"));
    }

    @Test
    void atSignAtApplicationLevelLeavesNoIdentifier() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("at",
                applicationPattern("app").identifiers("@,a,b").build(),
                applicationPattern("both").identifiers("@,#,a,b").build())));
        ResolvedApplication at = resolver.application("app_1");
        assertEquals(List.of(), at.identifiers());
        assertEquals(List.of("a", "b"), at.atIdentifiers());
        assertTrue(at.notes().get(0).contains("not supported at application level"));
        assertEquals(List.of("b"), resolver.application("both_2").identifiers(), "'#' is resolved, '@' unused");
    }

    @Test
    void aliasesAndWildcardAtApplicationLevel() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("aliases", List.of(alias("servers", "s1", "s2")), List.of(),
                List.of(application("a").identifiers("servers,s3").build(), application("b").identifiers("s3,*").build()))));
        assertEquals(List.of("s1", "s2", "s3"), resolver.application("a").identifiers());
        assertEquals(List.of("*"), resolver.application("b").identifiers());
    }

    @Test
    void aFormulaThatDoesNotParseIsIgnored() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("formula",
                application("good").operationalStatus("all('.*')").build(),
                application("bad").operationalStatus("all('.*'").build())));
        ResolvedApplication good = resolver.application("good");
        assertEquals("all('.*')", good.operationalStatus());
        assertTrue(good.statusFormula().isPresent());
        ResolvedApplication bad = resolver.application("bad");
        assertNull(bad.operationalStatus());
        assertTrue(bad.statusFormula().isEmpty());
        assertTrue(bad.notes().get(0).startsWith("operational_status ignored"), bad.notes().toString());
    }

    @Test
    void negativeApplicationSequenceIsIgnored() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("negative", application("a").startSequence(-2).build())));
        ResolvedApplication rules = resolver.application("a");
        assertEquals(0, rules.startSequence());
        assertTrue(rules.notes().get(0).startsWith("start_sequence -2 ignored"));
    }
}
