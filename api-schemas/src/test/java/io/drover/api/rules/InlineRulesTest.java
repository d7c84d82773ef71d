package io.drover.api.rules;

import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.applicationPattern;
import static io.drover.api.rules.Rules.model;
import static io.drover.api.rules.Rules.program;
import static io.drover.api.rules.Rules.programPattern;
import static io.drover.api.rules.Rules.ruleSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.Sourced;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules written in an Application manifest, over the rule sets. */
class InlineRulesTest {

    private final RuleResolver resolver = new RuleResolver(List.of(ruleSet("base", List.of(),
            List.of(model("heavy").startSequence(5).expectedLoading(50).required(true).build(),
                    model("light").expectedLoading(1).build()),
            List.of(applicationPattern("svc_")
                    .distribution(Distribution.SINGLE_INSTANCE)
                    .identifiers("n1,n2")
                    .startSequence(2)
                    .startingStrategy(StartingStrategy.LESS_LOADED)
                    .runningFailureStrategy(RunningFailureStrategy.RESTART_APPLICATION)
                    .programs(programPattern("").reference("heavy").waitExit(true),
                            program("worker_01").startSequence(7))
                    .build()))));

    private static Sourced<Application> app(String name, ApplicationSpec spec) {
        return Sourced.generated(Application.of(name, spec), name + ".yaml");
    }

    private static ApplicationSpec spec(StartingFailureStrategy startingFailure, Integer startSequence, List<String> identifiers,
                                        ProgramSpec... programs) {
        return new ApplicationSpec(null, identifiers, startSequence, null, null, startingFailure, null, null, List.of(programs));
    }

    @Test
    void applicationValuesOverrideTheRuleSetFieldByField() {
        Sourced<Application> app = app("svc_1", spec(StartingFailureStrategy.CONTINUE, 9, List.of("n3"),
                ProgramSpec.of("worker", "run")));
        ResolvedApplication rules = resolver.application("svc_1", app);
        assertTrue(rules.inlineRules());
        assertEquals(RuleMatch.byPattern("base", "svc_"), rules.matchedRule());
        assertEquals(StartingFailureStrategy.CONTINUE, rules.startingFailureStrategy(), "own");
        assertEquals(9, rules.startSequence(), "own");
        assertEquals(9, rules.stopSequence(), "follows the effective start_sequence");
        assertEquals(List.of("n3"), rules.identifiers(), "own");
        assertEquals(Distribution.SINGLE_INSTANCE, rules.distribution(), "rule set");
        assertEquals(StartingStrategy.LESS_LOADED, rules.startingStrategy(), "rule set");
        assertEquals(RunningFailureStrategy.RESTART_APPLICATION, rules.runningFailureStrategy(), "rule set");
    }

    @Test
    void anApplicationWithoutRulesOfItsOwnTakesTheRuleSet() {
        Sourced<Application> app = app("svc_1", ApplicationSpec.ofPrograms(List.of(ProgramSpec.of("worker", "run"))));
        ResolvedApplication rules = resolver.application("svc_1", app);
        assertFalse(rules.inlineRules());
        assertEquals(2, rules.startSequence());
    }

    @Test
    void inlineRulesAloneMakeAnApplicationManaged() {
        Sourced<Application> app = app("solo", spec(null, 4, null, ProgramSpec.of("worker", "run")));
        ResolvedApplication rules = resolver.application("solo", app);
        assertTrue(rules.managed());
        assertEquals(null, rules.matchedRule());
        assertEquals(4, rules.startSequence());
        Sourced<Application> plain = app("plain", ApplicationSpec.ofPrograms(List.of(ProgramSpec.of("worker", "run"))));
        assertFalse(resolver.application("plain", plain).managed());
    }

    @Test
    void programValuesOverrideTheElementThenTheModelOfTheResultingReference() {
        ProgramSpec worker = ProgramSpec.builder("worker").command("run").numprocs(3).numprocsStart(1)
                .processName("%(program_name)s_%(process_num)02d").reference("light").startSequence(4)
                .startingFailureStrategy(StartingFailureStrategy.STOP).build();
        Sourced<Application> app = app("svc_2", spec(null, null, null, worker));
        List<ResolvedProgram> processes = resolver.programs(app);
        assertEquals(List.of("worker_01", "worker_02", "worker_03"), processes.stream().map(ResolvedProgram::processName).toList());
        assertEquals(List.of(0, 1, 2), processes.stream().map(ResolvedProgram::processIndex).toList());
        ResolvedProgram first = processes.get(0);
        assertEquals("worker", first.programName());
        assertEquals(RuleMatch.byName("base", "worker_01"), first.matchedRule(), "matched by process name");
        assertEquals(4, first.startSequence(), "own value beats the element's 7");
        ResolvedProgram second = processes.get(1);
        assertEquals(RuleMatch.byPattern("base", ""), second.matchedRule());
        assertEquals(List.of("light"), second.modelChain(), "the spec's reference replaces the element's 'heavy'");
        assertEquals(1, second.expectedLoading());
        assertFalse(second.required(), "'heavy' no longer applies");
        assertTrue(second.waitExit(), "the element's own value stays");
        assertEquals(4, second.startSequence());
        assertEquals(StartingFailureStrategy.STOP, second.startingFailureStrategy());
        assertEquals(RunningFailureStrategy.RESTART_APPLICATION, second.runningFailureStrategy(), "from the application");
        assertTrue(second.inlineRules());
    }

    @Test
    void hashOnAProgramSpecCoversItsFamily() {
        ProgramSpec worker = ProgramSpec.builder("worker").command("run").numprocs(2)
                .processName("%(program_name)s_%(process_num)d").identifiers(List.of("#", "n1", "n2")).build();
        Sourced<Application> app = app("solo", spec(null, null, null, worker));
        List<ResolvedProgram> processes = resolver.programs(app);
        assertEquals(List.of("worker_0", "worker_1"), processes.stream().map(ResolvedProgram::processName).toList());
        processes.forEach(p -> {
            assertEquals(List.of(), p.identifiers());
            assertEquals(List.of("n1", "n2"), p.hashIdentifiers());
        });
    }

    @Test
    void ownIdentifiersReplaceTheSignsOfTheRuleSets() {
        RuleResolver resolver = new RuleResolver(List.of(ruleSet("spread",
                application("app").programs(programPattern("w").identifiers("#,n1,n2")).build())));
        ProgramSpec worker = ProgramSpec.builder("worker").command("run").identifiers(List.of("n3")).build();
        ResolvedProgram rules = resolver.programs(app("app", spec(null, null, null, worker))).get(0);
        assertEquals(List.of("n3"), rules.identifiers());
        assertEquals(List.of(), rules.hashIdentifiers());
    }

    @Test
    void aProcessOfNoProgramIsResolvedByName() {
        Sourced<Application> app = app("svc_3", ApplicationSpec.ofPrograms(List.of(ProgramSpec.of("worker", "run"))));
        ResolvedProgram rules = resolver.program("svc_3", "ghost", app);
        assertEquals("ghost", rules.programName());
        assertEquals(RuleMatch.byPattern("base", ""), rules.matchedRule());
        assertEquals(5, rules.startSequence());
        ResolvedProgram noApplication = resolver.program("svc_9", "worker_01");
        assertEquals(7, noApplication.startSequence());
    }

    @Test
    void processNamesThatCannotBeExpandedAreRefused() {
        ProgramSpec worker = ProgramSpec.builder("worker").command("run").processName("%(host_node_name)s_w").build();
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> resolver.programs(app("svc_4", spec(null, null, null, worker))));
        assertTrue(refused.getMessage().contains("host_node_name"), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("svc_4.yaml"), refused.getMessage());
    }
}
