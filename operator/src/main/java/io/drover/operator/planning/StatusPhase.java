package io.drover.operator.planning;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import io.drover.api.state.ConditionStatus;
import io.drover.api.state.DesiredState;
import io.drover.api.state.EventRecord;
import io.drover.api.state.EventType;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.status.ApplicationHealth;
import io.drover.operator.status.ApplicationSynthesis;
import io.drover.operator.status.ConditionDraft;
import io.drover.operator.status.DisplayedProcess;
import io.drover.operator.status.ProcessCopy;
import io.drover.operator.status.ProcessSummary;
import io.drover.operator.status.ProcessSynthesis;
import io.drover.operator.status.StatusComposer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes the application status after the plan's writes and adds its write (and one event per condition that
 * changed) to the plan when it differs from the status etcd holds.
 *
 * <p>Each process is shown by Supvisors' synthesis over its copies, where a copy whose node has not acted on its
 * assignment yet shows what it is about to do (a pending start STARTING, a pending stop STOPPING), and a copy on a
 * lost node shows FATAL (on a node merely unreachable, it is assumed to run).
 */
final class StatusPhase {

    private static final Set<String> WARNING_REASONS = Set.of(Ledger.START_ABORTED, Ledger.STOPPED_AFTER_START_FAILURE, Ledger.RESTART_BUDGET_EXHAUSTED,
            Ledger.STOPPED_ON_FAILURE, Ledger.RESTART_PENDING, Ledger.STARTED_WITH_FAILURES,
            Ledger.STARTED_WITH_REQUIRED_FAILURES);

    private StatusPhase() {
    }

    /** The application state now, before this plan writes anything (to decide on a start request). */
    static ApplicationState currentState(AppContext context) {
        return ApplicationSynthesis.state(summaries(context));
    }

    static Plan finish(AppContext context, PlanDraft draft, Goal goal, RunReport report) {
        ApplicationDefinition definition = context.definition();
        ApplicationStatus previous = context.status();
        List<ProcessSummary> summaries = summaries(context);
        ApplicationHealth health = ApplicationSynthesis.health(summaries, context.managed(), definition.formula());
        if (context.managed() && Ledger.START_FAILED.contains(report.sequence().reason())) {
            health = withStartFailure(health, definition.formula().isPresent(), report.sequence().message());
        }
        List<ConditionDraft> drafts = new ArrayList<>();
        Optional.ofNullable(goal.request()).or(() -> Ledger.previous(previous, Ledger.REQUEST)).ifPresent(drafts::add);
        drafts.add(report.sequence());
        drafts.add(placed(draft, previous));
        drafts.add(operational(health));
        if (context.managed()) {
            drafts.add(conflict(context, summaries));
        }
        drafts.addAll(draft.conditions());
        ApplicationStatus status = StatusComposer.compose(health, placement(context), drafts,
                definition.resourceVersion(), previous, context.now(), recentRestarts(context, draft));
        if (status.equals(previous)) {
            return draft.toPlan(List.of(), List.of());
        }
        List<EventRecord> events = new ArrayList<>();
        for (Condition condition : status.conditions()) {
            if (StatusComposer.changed(condition, previous) && !quietStart(condition, previous)) {
                events.add(new EventRecord(context.now(), context.settings().eventSource(), eventType(condition),
                        "application/" + context.name(), condition.reason(), eventMessage(condition, draft)));
            }
        }
        return draft.toPlan(List.of(new PlanAction.WriteStatus(context.name(), status)), events);
    }

    /** The restarts the budget counts: those of the window, plus the one this plan begins. */
    private static List<Instant> recentRestarts(AppContext context, PlanDraft draft) {
        if (previousRestarts(context).isEmpty() && !draft.restartBegun()) {
            return List.of();
        }
        List<Instant> restarts = new ArrayList<>(RestartBudget.recent(previousRestarts(context), context.now(),
                Duration.ofSeconds(context.definition().rules().restartWindowSecs())));
        if (draft.restartBegun()) {
            restarts.add(context.now());
        }
        return restarts;
    }

    private static List<Instant> previousRestarts(AppContext context) {
        return context.status() == null ? List.of() : context.status().recentRestarts();
    }

    static List<ProcessSummary> summaries(AppContext context) {
        return context.defined().stream()
                .map(p -> new ProcessSummary(p.name(), display(context, p), p.definition().required()))
                .toList();
    }

    static DisplayedProcess display(AppContext context, ProcessView process) {
        List<ProcessCopy> copies = new ArrayList<>();
        for (String node : process.nodes()) {
            Optional<AssignmentRecord> assignment = process.assignment(node);
            Optional<ProcessStatus> observed = process.observed(node);
            boolean assignedRunning = assignment.map(r -> r.assignment().startsOnNode()).orElse(false);
            if (!context.alive(node)) {
                if (assignedRunning) {
                    ProcessState state = context.snapshot().nodeLossHandlingAllowed() ? ProcessState.FATAL : ProcessState.RUNNING;
                    copies.add(new ProcessCopy(node, state, false, null));
                }
                continue;
            }
            boolean acknowledged = assignment.map(process::acknowledged).orElse(false);
            ProcessState reported = observed.map(ProcessStatus::state).orElse(null);
            ProcessState state;
            if (assignedRunning && !acknowledged && (reported == null || !reported.isRunning())) {
                state = ProcessState.STARTING;
            } else if (assignment.isPresent() && !assignedRunning && !acknowledged && reported != null && reported.isRunning()) {
                state = ProcessState.STOPPING;
            } else if (reported != null) {
                state = reported;
            } else {
                continue;
            }
            copies.add(new ProcessCopy(node, state, observed.map(ProcessStatus::expectedExit).orElse(false),
                    observed.map(ProcessStatus::updatedAt).orElse(null)));
        }
        return ProcessSynthesis.display(copies);
    }

    /** A run whose start failed on a required process keeps a failure until another run (Supvisors forces FATAL). */
    private static ApplicationHealth withStartFailure(ApplicationHealth health, boolean formula, String why) {
        if (health.majorFailure()) {
            return health;
        }
        if (formula) {
            List<String> minor = new ArrayList<>(health.minorCauses());
            minor.add(why);
            return new ApplicationHealth(health.state(), false, true, List.of(), minor, health.formulaError());
        }
        return new ApplicationHealth(health.state(), true, false, List.of(why), List.of(), health.formulaError());
    }

    /** Process → the node(s) it is assigned to run on. */
    private static Map<String, String> placement(AppContext context) {
        Map<String, String> placement = new TreeMap<>();
        for (ProcessView process : context.defined()) {
            String nodes = process.runningAssignments().stream().map(AssignmentRecord::node).sorted()
                    .collect(Collectors.joining(","));
            if (!nodes.isEmpty()) {
                placement.put(process.name(), nodes);
            }
        }
        return placement;
    }

    /** Updated when this plan placed something; otherwise the last answer stands (nothing new was tried). */
    private static ConditionDraft placed(PlanDraft draft, ApplicationStatus previous) {
        if (!draft.wasPlacementAttempted()) {
            return Ledger.previous(previous, Ledger.PLACED).orElse(new ConditionDraft(Ledger.PLACED, ConditionStatus.TRUE,
                    "Placed", "no placement failure"));
        }
        if (draft.refusals().isEmpty()) {
            return new ConditionDraft(Ledger.PLACED, ConditionStatus.TRUE, "Placed", "every process asked for has a node");
        }
        String causes = draft.refusals().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().cause())
                .collect(Collectors.joining("; "));
        return new ConditionDraft(Ledger.PLACED, ConditionStatus.FALSE, "NoResource", causes);
    }

    private static ConditionDraft operational(ApplicationHealth health) {
        if (health.state() != ApplicationState.RUNNING) {
            String failure = health.majorFailure() ? "; major failure: " + String.join(", ", health.majorCauses())
                    : health.minorFailure() ? "; minor failure: " + String.join(", ", health.minorCauses()) : "";
            return new ConditionDraft(Ledger.OPERATIONAL, ConditionStatus.UNKNOWN, capitalized(health.state().name()),
                    "application is " + health.state() + failure);
        }
        if (health.majorFailure()) {
            return new ConditionDraft(Ledger.OPERATIONAL, ConditionStatus.FALSE, "NotOperational",
                    "major failure: " + String.join(", ", health.majorCauses()));
        }
        if (health.minorFailure()) {
            return new ConditionDraft(Ledger.OPERATIONAL, ConditionStatus.TRUE, "Degraded",
                    "minor failure: " + String.join(", ", health.minorCauses()));
        }
        return new ConditionDraft(Ledger.OPERATIONAL, ConditionStatus.TRUE, "Operational", "operational");
    }

    /** When the copy on {@code node} started, which tells copies apart (an age would change at every plan). */
    private static String startedOn(AppContext context, String process, String node) {
        return context.process(process).flatMap(p -> p.observed(node)).map(ProcessStatus::startTime)
                .map(start -> " started " + start).orElse("");
    }

    private static ConditionDraft conflict(AppContext context, List<ProcessSummary> summaries) {
        List<String> conflicts = summaries.stream().filter(s -> s.displayed().conflict())
                .map(s -> s.name() + " (" + s.displayed().runningOn().stream().map(node -> node + startedOn(context, s.name(), node))
                        .collect(Collectors.joining(", ")) + ")").toList();
        ConciliationStrategy strategy = context.conciliationStrategy();
        String by = strategy == ConciliationStrategy.USER ? "left for the user to conciliate" : "conciliated by " + strategy;
        if (conflicts.isEmpty()) {
            var spread = context.definition().rules().distribution() == io.drover.api.model.Distribution.ALL_INSTANCES
                    ? java.util.Map.<String, List<Conciliation.Copy>>of() : Conciliation.spread(context);
            if (spread.size() > 1) {
                return new ConditionDraft(Ledger.CONFLICT, ConditionStatus.TRUE, "Spread", "a "
                        + context.definition().rules().distribution() + " application running on " + spread.keySet()
                        + ", " + by + ": " + spread.entrySet().stream().map(e -> e.getKey() + " runs " + e.getValue()
                        .stream().map(c -> c.process()).sorted().collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; ")));
            }
            return new ConditionDraft(Ledger.CONFLICT, ConditionStatus.FALSE, "NoConflict", "each process runs at most once");
        }
        return new ConditionDraft(Ledger.CONFLICT, ConditionStatus.TRUE, "Conflict", "running on several nodes, " + by
                + ": " + String.join(", ", conflicts));
    }

    /** A condition that appears for the first time saying nothing is wrong is not worth an event. */
    private static boolean quietStart(Condition condition, ApplicationStatus previous) {
        if (StatusComposer.find(previous, condition.type()).isPresent()) {
            return false;
        }
        return (Ledger.CONFLICT.equals(condition.type()) && condition.status() == ConditionStatus.FALSE)
                || (Ledger.PLACED.equals(condition.type()) && condition.status() == ConditionStatus.TRUE);
    }

    private static EventType eventType(Condition condition) {
        boolean failure = switch (condition.type()) {
            case Ledger.PLACED, Ledger.REQUEST, Ledger.OPERATIONAL -> condition.status() == ConditionStatus.FALSE;
            case Ledger.CONFLICT -> condition.status() == ConditionStatus.TRUE;
            case Ledger.SEQUENCE -> WARNING_REASONS.contains(condition.reason());
            default -> false;
        };
        return failure ? EventType.WARNING : EventType.NORMAL;
    }

    /** The condition's message; for placement failures, with the loads that made them. */
    private static String eventMessage(Condition condition, PlanDraft draft) {
        if (Ledger.PLACED.equals(condition.type()) && condition.status() == ConditionStatus.FALSE) {
            return draft.refusals().values().stream().map(PlacementOutcome.Refused::detail).collect(Collectors.joining("; "));
        }
        return condition.message();
    }

    private static String capitalized(String state) {
        return state.charAt(0) + state.substring(1).toLowerCase(Locale.ROOT);
    }
}
