package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.sequencing.StopFacts;
import io.drover.operator.sequencing.StopMember;
import io.drover.operator.sequencing.StopOutcome;
import io.drover.operator.sequencing.StopProgress;
import io.drover.operator.sequencing.StopProgressRules;
import io.drover.operator.sequencing.StopSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stops copies of processes by stop sequence: every copy that runs, is about to run, or runs without an
 * assignment is told to stop (a STOPPED assignment carrying {@code tag}), greatest stop_sequence first, each stage
 * waiting for the previous one. An assignment RUNNING whose copy does not run (it failed, or its node is gone) is
 * turned STOPPED at once, without waiting for its stage: nothing has to stop, but its node must not start it again
 * when it comes back.
 */
final class StopPhase {

    private StopPhase() {
    }

    /**
     * @param keep copies whose assignment passes stay as they are (e.g. a restart keeps what it started itself)
     * @param why  the beginning of every event message, e.g. "stop requested by 'r-42'"
     */
    static StopOutcome run(AppContext context, PlanDraft draft, List<ProcessView> processes,
                           Predicate<AssignmentRecord> keep, String tag, String why) {
        List<StopMember> members = new ArrayList<>();
        for (ProcessView process : processes) {
            for (String node : process.nodes()) {
                Optional<AssignmentRecord> assignment = process.assignment(node);
                Optional<ProcessStatus> observed = process.observed(node);
                if (assignment.isPresent() && keep.test(assignment.get())) {
                    continue;
                }
                if (assignment.isEmpty() && observed.map(s -> !s.state().isRunning()).orElse(true)) {
                    continue;
                }
                DesiredState desired = assignment.map(r -> r.assignment().desired()).orElse(null);
                boolean acknowledged = assignment.map(process::acknowledged).orElse(false);
                var deadline = assignment.filter(r -> r.assignment().desired() == DesiredState.STOPPED)
                        .map(r -> context.stopDeadline(r, process)).orElse(null);
                StopProgress progress = StopProgressRules.classify(new StopFacts(desired, context.alive(node), acknowledged,
                        observed.map(ProcessStatus::state).orElse(null), deadline), context.now());
                if (desired == DesiredState.RUNNING && progress == StopProgress.DOWN) {
                    draft.put(process, node, DesiredState.STOPPED, tag, "Stopping", why + ": " + context.namespec(process.name())
                            + " on " + node + " is marked stopped (" + (context.alive(node) ? "not running" : "node gone") + ")");
                }
                int stage = process.defined() ? process.definition().stopSequence() : 0;
                members.add(new StopMember(process.name(), node, stage, progress, deadline));
            }
        }
        StopOutcome outcome = StopSequence.advance(members);
        for (StopMember member : outcome.toStop()) {
            ProcessView process = processes.stream().filter(p -> p.name().equals(member.process())).findFirst().orElseThrow();
            draft.put(process, member.node(), DesiredState.STOPPED, tag, "Stopping", why + ": stop "
                    + context.namespec(process.name()) + " on " + member.node() + " (stop stage " + member.stage() + ")");
            draft.recheck(context.now().plus(context.stopBudget(process)));
        }
        draft.recheck(outcome.recheckAt());
        return outcome;
    }

    /** "a, b" — the processes a stop stage waits on, for the sequence condition. */
    static String waitingOn(StopOutcome outcome) {
        List<String> names = new ArrayList<>();
        outcome.toStop().forEach(m -> names.add(m.process()));
        outcome.waitingOn().forEach(m -> names.add(m.process()));
        return String.join(", ", names.stream().distinct().sorted().toList());
    }
}
