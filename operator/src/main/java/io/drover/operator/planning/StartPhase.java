package io.drover.operator.planning;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.sequencing.StageMember;
import io.drover.operator.sequencing.StartCheck;
import io.drover.operator.sequencing.StartFacts;
import io.drover.operator.sequencing.StartOutcome;
import io.drover.operator.sequencing.StartProgressRules;
import io.drover.operator.sequencing.StartSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a run's start sequence: classifies every start-sequenced process from its assignment and reported
 * state, then lets {@link StartSequence} request the current stage, which this class places and assigns.
 */
final class StartPhase {

    private StartPhase() {
    }

    static StartOutcome step(AppContext context, PlanDraft draft, Run run) {
        ProcessPlacement placement = new ProcessPlacement(context, draft.loads(), run);
        List<StageMember> members = context.defined().stream()
                .filter(p -> p.definition().startSequence() > 0)
                .map(p -> member(context, p, run)).toList();
        StartOutcome outcome = StartSequence.advance(members, toRequest -> request(context, draft, run, placement, toRequest));
        draft.recheck(outcome.recheckAt());
        return outcome;
    }

    private static StageMember member(AppContext context, ProcessView process, Run run) {
        ProcessDefinition definition = process.definition();
        StartCheck check = StartProgressRules.classify(facts(context, process, run), context.now());
        boolean requestedInRun = process.runningAssignment(context::alive)
                .map(r -> run.isTag(r.assignment().requestId())).orElse(false);
        return new StageMember(process.name(), definition.startSequence(), definition.required(),
                definition.rules().startingFailureStrategy(), check, requestedInRun);
    }

    static StartFacts facts(AppContext context, ProcessView process, Run run) {
        ProcessDefinition definition = process.definition();
        Optional<AssignmentRecord> running = process.runningAssignment(context::alive);
        if (running.isEmpty()) {
            return StartFacts.unassigned(definition.waitExit());
        }
        AssignmentRecord record = running.get();
        Optional<ProcessStatus> observed = process.observed(record.node());
        return new StartFacts(true, run.isTag(record.assignment().requestId()),
                !Objects.equals(record.assignment().specHash(), definition.specHash()), context.health(record.node()),
                record.node(), process.acknowledged(record), observed.map(ProcessStatus::state).orElse(null),
                observed.map(ProcessStatus::expectedExit).orElse(false), observed.map(ProcessStatus::spawnError).orElse(null),
                definition.waitExit(), context.startDeadline(record, definition));
    }

    private static Map<String, StartCheck> request(AppContext context, PlanDraft draft, Run run, ProcessPlacement placement,
                                                   List<StageMember> toRequest) {
        List<ProcessView> processes = toRequest.stream().map(m -> context.process(m.process()).orElseThrow()).toList();
        draft.placementAttempted();
        Map<String, PlacementOutcome> outcomes = placement.place(processes);
        Map<String, StartCheck> checks = new LinkedHashMap<>();
        for (ProcessView process : processes) {
            PlacementOutcome outcome = outcomes.get(process.name());
            int stage = process.definition().startSequence();
            if (outcome instanceof PlacementOutcome.Placed placed) {
                assignRunning(context, draft, run, process, placed, "start " + context.namespec(process.name()) + " on "
                        + placed.nodeId() + " (run '" + run.id() + "', stage " + stage + "): " + placed.reason());
                checks.put(process.name(), StartCheck.inProgress("requested on " + placed.nodeId(),
                        context.now().plus(context.startBudget(process.definition()))));
            } else {
                PlacementOutcome.Refused refused = (PlacementOutcome.Refused) outcome;
                draft.refused(process.name(), refused);
                checks.put(process.name(), StartCheck.failed("not placed: " + refused.cause()));
            }
        }
        return checks;
    }

    /**
     * Assigns {@code process} RUNNING on the placed node for {@code run}; any other RUNNING assignment of it (a failed
     * copy elsewhere, a copy on a lost node) is turned STOPPED, so one process never has two nodes told to run it.
     * On a lost node, unless SENICIDE resolves duplicates (the copy that may come back is the older one: stopping it
     * is what SENICIDE would do), the assignment is turned adopt-only instead: a copy still running when the node
     * comes back is then conciliated by the application's strategy, and none is started there.
     */
    static void assignRunning(AppContext context, PlanDraft draft, Run run, ProcessView process,
                              PlacementOutcome.Placed placed, String message) {
        for (AssignmentRecord other : process.runningAssignments()) {
            if (other.node().equals(placed.nodeId())) {
                continue;
            }
            String moves = context.namespec(process.name()) + " moves from " + other.node() + " to " + placed.nodeId();
            if (!context.alive(other.node()) && context.conciliationStrategy() != ConciliationStrategy.SENICIDE) {
                draft.hold(process, other.node(), run.stopTag(), moves + "; a copy still running on " + other.node()
                        + " when it comes back is conciliated (" + context.conciliationStrategy() + ")");
            } else {
                draft.put(process, other.node(), DesiredState.STOPPED, run.stopTag(), "Stopping", moves);
            }
        }
        draft.put(process, placed.nodeId(), DesiredState.RUNNING, run.id(), "Placed", message);
    }
}
