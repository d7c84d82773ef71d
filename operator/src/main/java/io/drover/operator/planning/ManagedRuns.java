package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.EventType;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.sequencing.StageMember;
import io.drover.operator.sequencing.StartOutcome;
import io.drover.operator.sequencing.StopOutcome;
import io.drover.operator.status.ConditionDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drives a managed application's run one step:
 * <ul>
 *   <li>STOP: the stop sequence;</li>
 *   <li>a run that ended (stopped after a start failure, or by STOP_APPLICATION): keeps everything stopped;</li>
 *   <li>a restart (user RESTART, or an automatic restart): the stop sequence of what an earlier run started, then
 *       the start sequence;</li>
 *   <li>a start whose sequence is over: running failures, then changed definitions (rolling update);</li>
 *   <li>otherwise: one step of the start sequence, applying the starting failure strategy of required
 *       processes.</li>
 * </ul>
 */
final class ManagedRuns {

    private ManagedRuns() {
    }

    static RunReport step(AppContext context, PlanDraft draft, Run run) {
        Optional<Ledger.RecordedRun> recorded = Ledger.run(context.status()).filter(r -> run.isTag(r.id()));
        if (run.kind() == Run.Kind.STOP) {
            return stop(context, draft, run);
        }
        if (ended(context, run, recorded)) {
            StopPhase.run(context, draft, context.processes(), a -> false, run.id(), "run '" + run.id() + "' ended");
            return new RunReport(recorded.map(r -> Ledger.previous(context.status(), Ledger.SEQUENCE).orElseThrow())
                    .orElse(Ledger.sequence(run.id(), true, Ledger.STOPPED_ON_FAILURE, "stopped; the run has ended")));
        }
        boolean settled = recorded.isPresent() && recorded.get().settled();
        if (run.restarts() && !settled) {
            // stopping before the restart; once its start is over, copies it did not start are conciliation's
            holdLostCopies(context, draft, run);
            StopOutcome stop = StopPhase.run(context, draft, context.processes(),
                    // copies held on nodes that were lost are conciliation's, even once their node is back
                    a -> (a.assignment().desired() == DesiredState.RUNNING && run.isTag(a.assignment().requestId()))
                            || a.assignment().adoptOnly(),
                    run.stopTag(), "restart '" + run.id() + "'");
            if (!stop.done()) {
                return new RunReport(Ledger.sequence(run.id(), false, Ledger.RESTARTING,
                        "stopping before the restart, stop stage " + stop.stage() + ": " + StopPhase.waitingOn(stop)));
            }
        }
        if (settled) {
            return afterStart(context, draft, run, recorded.get());
        }
        return start(context, draft, run);
    }

    /**
     * Before a restart stops what runs: copies on lost nodes are held (adopt-only) rather than withdrawn, as
     * {@link StartPhase#assignRunning} does, so that the application's conciliation strategy decides about a copy
     * still running when its node comes back. SENICIDE withdraws them: the copy that comes back is the older one.
     */
    private static void holdLostCopies(AppContext context, PlanDraft draft, Run run) {
        if (context.conciliationStrategy() == io.drover.api.model.ConciliationStrategy.SENICIDE) {
            return;
        }
        for (ProcessView process : context.processes()) {
            for (AssignmentRecord record : process.runningAssignments()) {
                if (!context.alive(record.node()) && !run.isTag(record.assignment().requestId())) {
                    draft.hold(process, record.node(), run.stopTag(), "restart '" + run.id() + "': "
                            + context.namespec(process.name()) + " on lost node " + record.node() + " is held for"
                            + " conciliation (" + context.conciliationStrategy() + ") should it come back running");
                }
            }
        }
    }

    private static RunReport stop(AppContext context, PlanDraft draft, Run run) {
        StopOutcome stop = StopPhase.run(context, draft, context.processes(), a -> false, run.id(),
                "stop '" + run.id() + "'");
        if (!stop.done()) {
            return new RunReport(Ledger.sequence(run.id(), false, Ledger.STOPPING,
                    "stopping, stop stage " + stop.stage() + ": " + StopPhase.waitingOn(stop)));
        }
        String expired = stop.expired().isEmpty() ? "" : "; did not confirm in time: "
                + stop.expired().stream().map(m -> m.process() + " on " + m.node()).sorted().collect(Collectors.joining(", "));
        return new RunReport(Ledger.sequence(run.id(), true, Ledger.STOPPED, "stopped" + expired));
    }

    /** The run stopped the application for good: the status says so, or an assignment it stopped carries its id. */
    private static boolean ended(AppContext context, Run run, Optional<Ledger.RecordedRun> recorded) {
        if (recorded.isPresent() && Ledger.ENDED.contains(recorded.get().reason())) {
            return true;
        }
        return context.assignmentsLatestFirst().stream().anyMatch(r -> r.assignment().desired() == DesiredState.STOPPED
                && run.isTag(r.assignment().requestId()));
    }

    private static RunReport start(AppContext context, PlanDraft draft, Run run) {
        StartOutcome outcome = StartPhase.step(context, draft, run);
        return switch (outcome.kind()) {
            case WAITING -> new RunReport(Ledger.sequence(run.id(), false, Ledger.STARTING, "stage " + outcome.stage()
                    + " of " + stages(context) + ": waiting for " + names(outcome.waitingOn())));
            case COMPLETED -> new RunReport(outcome.failures().isEmpty()
                    ? Ledger.sequence(run.id(), true, Ledger.STARTED, "start sequence complete")
                    : Ledger.sequence(run.id(), true, outcome.failures().stream().anyMatch(StageMember::required)
                    ? Ledger.STARTED_WITH_REQUIRED_FAILURES : Ledger.STARTED_WITH_FAILURES,
                    "start sequence complete; failed: " + failures(outcome.failures())));
            case ABORTED -> new RunReport(Ledger.sequence(run.id(), true, Ledger.START_ABORTED, "start aborted at stage "
                    + outcome.stage() + " (ABORT): required " + failures(outcome.decisive())));
            case STOP_REQUESTED -> {
                StopPhase.run(context, draft, context.processes(), a -> false, run.id(),
                        "start failure of '" + run.id() + "' (STOP)");
                yield new RunReport(Ledger.sequence(run.id(), true, Ledger.STOPPED_AFTER_START_FAILURE,
                        "stopped after a start failure at stage " + outcome.stage() + " (STOP): required "
                                + failures(outcome.decisive())));
            }
        };
    }

    private static RunReport afterStart(AppContext context, PlanDraft draft, Run run, Ledger.RecordedRun recorded) {
        ConditionDraft current = Ledger.previous(context.status(), Ledger.SEQUENCE).orElseThrow();
        Conciliation.Outcome conciliated = Conciliation.step(context, draft, run);
        switch (conciliated.follow()) {
            case STOP_APPLICATION -> {
                StopPhase.run(context, draft, context.processes(), a -> false, run.id(), "STOP_APPLICATION");
                return new RunReport(Ledger.sequence(run.id(), true, Ledger.STOPPED_ON_FAILURE,
                        "stopped (STOP_APPLICATION): " + String.join(", ", conciliated.causes())));
            }
            case RESTART_APPLICATION -> {
                return restart(context, draft, run, conciliated.causes());
            }
            default -> {
            }
        }
        RunningFailures.Decision decision = RunningFailures.evaluate(context);
        switch (decision.kind()) {
            case SHUTDOWN, RESTART -> SystemRuns.request(context, draft, decision);
            case STOP_APPLICATION -> {
                StopPhase.run(context, draft, context.processes(), a -> false, run.id(), "STOP_APPLICATION");
                return new RunReport(Ledger.sequence(run.id(), true, Ledger.STOPPED_ON_FAILURE,
                        "stopped (STOP_APPLICATION): " + String.join(", ", decision.causes())));
            }
            case RESTART_APPLICATION -> {
                return restart(context, draft, run, decision.causes());
            }
            case RELOCATE -> relocate(context, draft, run, decision.relocate());
            default -> {
            }
        }
        RollingUpdate.step(context, draft);
        if (Ledger.RESTART_PENDING.equals(recorded.reason())) {
            return new RunReport(Ledger.sequence(run.id(), true, Ledger.STARTED,
                    "start sequence complete; the failure that called for a restart is gone"));
        }
        return new RunReport(current);
    }

    /** RESTART_APPLICATION: the next generation of the run, once the back-off since this one began has passed. */
    private static RunReport restart(AppContext context, PlanDraft draft, Run run, List<String> causes) {
        Run next = run.nextGeneration();
        Instant began = runBegan(context, run);
        Duration delay = context.settings().restartBackoff().delay(context.name(), next.generation(),
                Duration.between(began, context.now()));
        Instant allowedAt = began.plus(delay);
        if (context.now().isBefore(allowedAt)) {
            draft.recheck(allowedAt);
            return new RunReport(Ledger.sequence(run.id(), true, Ledger.RESTART_PENDING, "restart (RESTART_APPLICATION: "
                    + String.join(", ", causes) + ") backed off until " + allowedAt));
        }
        RestartBudget budget = RestartBudget.of(context);
        if (budget.exhausted()) {
            StopPhase.run(context, draft, context.processes(), a -> false, run.id(), "restart budget exhausted");
            return new RunReport(Ledger.sequence(run.id(), true, Ledger.RESTART_BUDGET_EXHAUSTED, "stopped: "
                    + budget.describe() + "; not restarted again (RESTART_APPLICATION: " + String.join(", ", causes)
                    + "); start or restart it on request"));
        }
        draft.beginRestart();
        draft.event(EventType.WARNING, "application/" + context.name(), "Restarting", "restart as run '" + next.id()
                + "' (RESTART_APPLICATION: " + String.join(", ", causes) + "); " + (budget.recent().size() + 1)
                + " of at most " + budget.maxRestarts() + " restart(s) within " + budget.window().toSeconds() + " s");
        return step(context, draft, next);
    }

    /** When a run wrote its first assignment (the back-off of its successor counts from there). */
    static Instant runBegan(AppContext context, Run run) {
        return context.assignmentsLatestFirst().stream()
                .filter(r -> run.isTag(r.assignment().requestId()) || run.stopTag().equals(r.assignment().requestId()))
                .map(r -> r.assignment().assignedAt()).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** RESTART_PROCESS on node loss: each lost process is placed again, with the application's strategy. */
    private static void relocate(AppContext context, PlanDraft draft, Run run, List<ProcessView> lost) {
        placeAgain(context, draft, run, lost, "(RESTART_PROCESS, its node is lost)");
    }

    /** Places each of {@code processes} again, with the application's strategy, and assigns it there. */
    static void placeAgain(AppContext context, PlanDraft draft, Run run, List<ProcessView> processes, String why) {
        List<ProcessView> lost = processes;
        Run placementRun = new Run(run.base(), run.generation(), run.kind(), null, run.targetNode());
        ProcessPlacement placement = new ProcessPlacement(context, draft.loads(), placementRun);
        draft.placementAttempted();
        Map<String, PlacementOutcome> outcomes = placement.place(lost);
        for (ProcessView process : lost) {
            PlacementOutcome outcome = outcomes.get(process.name());
            if (outcome instanceof PlacementOutcome.Placed placed) {
                StartPhase.assignRunning(context, draft, run, process, placed, "restart " + context.namespec(process.name())
                        + " on " + placed.nodeId() + " " + why + ": " + placed.reason());
            } else {
                draft.refused(process.name(), (PlacementOutcome.Refused) outcome);
            }
        }
    }

    private static String stages(AppContext context) {
        return context.defined().stream().map(p -> p.definition().startSequence()).filter(s -> s > 0)
                .distinct().sorted().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static String names(List<StageMember> members) {
        return members.stream().map(StageMember::process).sorted().collect(Collectors.joining(", "));
    }

    private static String failures(List<StageMember> members) {
        return members.stream().map(m -> m.process() + " (" + m.check().reason() + ")").collect(Collectors.joining(", "));
    }
}
