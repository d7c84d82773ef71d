package io.drover.operator.planning;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecBuilder;
import io.drover.api.model.RuleSet;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Short builders for planner tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final RuleResolver NO_RULE_SETS = new RuleResolver(List.of());

    private Fixtures() {
    }

    static NodeInfo node(String id) {
        return node(id, id, 100);
    }

    static NodeInfo node(String id, String host, int capacity, String... labels) {
        return new NodeInfo(id, host, List.of(labels), capacity, null, "test", T0);
    }

    /** A program with inline rules: start_sequence, load. */
    static ProgramSpecBuilder program(String name, int startSequence, int load) {
        return ProgramSpec.builder(name).command("bin/" + name).startSequence(startSequence).expectedLoading(load);
    }

    static ApplicationSpec spec(Distribution distribution, StartingStrategy strategy, int startSequence,
                                List<String> identifiers, ProgramSpec... programs) {
        return new ApplicationSpec(distribution, identifiers, startSequence, null, strategy, null, null, null,
                Arrays.asList(programs));
    }

    static ApplicationSpec spec(Distribution distribution, StartingStrategy strategy, int startSequence,
                                StartingFailureStrategy onFailure, ProgramSpec... programs) {
        return new ApplicationSpec(distribution, null, startSequence, null, strategy, onFailure, null, null,
                Arrays.asList(programs));
    }

    static ApplicationDefinition app(String name, ApplicationSpec spec) {
        return ApplicationDefinition.of(name, 7, spec, NO_RULE_SETS);
    }

    static ApplicationDefinition app(String name, ApplicationSpec spec, List<Sourced<RuleSet>> ruleSets) {
        return ApplicationDefinition.of(name, 7, spec, new RuleResolver(ruleSets));
    }

    static ClusterSnapshot.Builder cluster(NodeInfo... nodes) {
        return ClusterSnapshot.builder().now(T0).epoch(3).nodeLossHandlingAllowed(true).nodes(List.of(nodes));
    }

    static ProcessStatus state(ProcessState state, long assignmentRevision) {
        return new ProcessStatus(state, state.isRunning() ? 4242L : null, T0, null, null, false, null, assignmentRevision, T0);
    }

    static ProcessStatus exited(boolean expected, long assignmentRevision) {
        return new ProcessStatus(ProcessState.EXITED, null, T0, T0, expected ? 0 : 1, expected, null, assignmentRevision, T0);
    }

    static Intent start(String requestId) {
        return new Intent(DesiredState.RUNNING, null, null, requestId, T0);
    }

    static Intent start(String requestId, StartingStrategy strategy, String node) {
        return new Intent(DesiredState.RUNNING, strategy.name(), node, requestId, T0);
    }

    static Intent stop(String requestId) {
        return new Intent(DesiredState.STOPPED, null, null, requestId, T0);
    }

    static Intent restart(String requestId) {
        return Intent.of(IntentAction.RESTART, null, null, requestId, T0);
    }

    /** An assignment as a previous plan wrote it, with its node's answer. */
    static ClusterSnapshot.Builder assigned(ClusterSnapshot.Builder builder, ApplicationDefinition app, String process,
                                            String node, DesiredState desired, String tag, long revision,
                                            ProcessStatus observed) {
        ProcessDefinition definition = app.process(process).orElseThrow();
        builder.assignment(node, new io.drover.api.state.Assignment(desired, definition.specHash(), 2, app.name(), process,
                T0, tag).withProgram(definition.program(), false), revision);
        if (observed != null) {
            builder.observed(node, app.name(), process, observed);
        }
        return builder;
    }

    /** "node process DESIRED tag" for each put of the plan. */
    static List<String> puts(Plan plan) {
        return plan.puts().stream().map(p -> p.node() + " " + p.process() + " " + p.assignment().desired() + " "
                + p.assignment().requestId()).toList();
    }

    static String condition(ClusterSnapshot snapshot, String application, String type) {
        return snapshot.status(application).orElseThrow().conditions().stream().filter(c -> c.type().equals(type))
                .map(c -> c.status() + " " + c.reason() + ": " + c.message()).findFirst().orElse("-");
    }
}
