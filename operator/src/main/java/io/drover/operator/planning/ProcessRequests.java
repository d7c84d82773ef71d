package io.drover.operator.planning;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ConditionStatus;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessIntent;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.status.ConditionDraft;
import io.drover.operator.status.StatusComposer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Users' requests about single processes (Supvisors' {@code start_process}, {@code stop_process},
 * {@code restart_process}), read from the application's intent. They act once the application's own start or stop
 * sequence is over, and each is carried out once: the assignments it writes carry its request id, so a process a user
 * stopped stays stopped and one they started is not started again when it exits. A request older than the
 * application's own request, or than the run now in charge, is superseded by it. Starting a process that runs is
 * refused, as Supvisors answers ALREADY_STARTED. The {@value #CONDITION} condition says what became of each request;
 * a refusal is kept there, so that it is never acted on later.
 */
final class ProcessRequests {

    static final String CONDITION = "ProcessRequests";

    private ProcessRequests() {
    }

    /** Acts on the pending requests; returns the condition to show, when the intent holds process requests. */
    static Optional<ConditionDraft> step(AppContext context, PlanDraft draft, Run run, RunReport report) {
        Map<String, ProcessIntent> requests = context.intent().map(Intent::processes).orElse(Map.of());
        if (requests.isEmpty()) {
            return Optional.empty();
        }
        boolean sequenceOver = run == null || report == null || report.settled();
        Instant runBegan = run == null ? null : ManagedRuns.runBegan(context, run);
        String previous = StatusComposer.find(context.status(), CONDITION).map(c -> c.message()).orElse("");
        List<String> lines = new ArrayList<>();
        boolean refused = false;
        for (Map.Entry<String, ProcessIntent> entry : requests.entrySet()) {
            ProcessIntent request = entry.getValue();
            String head = "request '" + request.requestId() + "' to " + request.action().name().toLowerCase(Locale.ROOT)
                    + " " + entry.getKey() + ": ";
            String outcome = outcome(context, draft, entry.getKey(), request, sequenceOver, runBegan, previous, head);
            refused |= outcome.startsWith("refused");
            lines.add(head + outcome);
        }
        return Optional.of(new ConditionDraft(CONDITION, refused ? ConditionStatus.FALSE : ConditionStatus.TRUE,
                refused ? "Refused" : "Handled", String.join("; ", lines)));
    }

    private static String outcome(AppContext context, PlanDraft draft, String processName, ProcessIntent request,
                                  boolean sequenceOver, Instant runBegan, String previous, String head) {
        int at = previous.indexOf(head + "refused");
        if (at >= 0) {
            int end = previous.indexOf("; request '", at);
            return previous.substring(at + head.length(), end < 0 ? previous.length() : end);
        }
        Optional<ProcessView> found = context.process(processName).filter(ProcessView::defined);
        if (found.isEmpty()) {
            return "refused: the application has no process " + processName;
        }
        ProcessView process = found.get();
        Intent intent = context.intent().orElseThrow();
        boolean acted = process.assignments().stream().anyMatch(r -> tagged(r, request.requestId()));
        if (!acted && ((intent.requestedAt() != null && request.requestedAt() != null
                && request.requestedAt().isBefore(intent.requestedAt()))
                || (runBegan != null && request.requestedAt() != null && runBegan.isAfter(request.requestedAt())))) {
            return "superseded by the application's later request or run";
        }
        if (!sequenceOver) {
            return "waits for the application's sequence to end";
        }
        return switch (request.action()) {
            case STOP -> stop(context, draft, process, request.requestId());
            case START -> start(context, draft, process, request, false);
            case RESTART -> restart(context, draft, process, request);
        };
    }

    private static String stop(AppContext context, PlanDraft draft, ProcessView process, String id) {
        boolean pending = false;
        for (AssignmentRecord record : process.assignments()) {
            if (record.assignment().desired() == DesiredState.RUNNING) {
                draft.put(process, record.node(), DesiredState.STOPPED, id, "Stopping", "stop "
                        + context.namespec(process.name()) + " on " + record.node() + " (request '" + id + "')");
                pending = true;
            }
        }
        return pending || runsAnywhere(context, process) ? "stopping" : "done";
    }

    private static String start(AppContext context, PlanDraft draft, ProcessView process, ProcessIntent request,
                                boolean afterStop) {
        String id = request.requestId();
        Optional<AssignmentRecord> mine = process.runningAssignments().stream().filter(r -> tagged(r, id)).findFirst();
        if (mine.isPresent()) {
            boolean up = process.acknowledged(mine.get()) && process.observed(mine.get().node())
                    .map(s -> s.state().isRunning()).orElse(false);
            return up ? "done, on " + mine.get().node() : "starting on " + mine.get().node();
        }
        if (!afterStop && (runsAnywhere(context, process)
                || process.runningAssignments().stream().anyMatch(r -> context.alive(r.node())))) {
            return "refused: " + context.namespec(process.name()) + " already runs (ALREADY_STARTED); stop or restart it instead";
        }
        Run placing = new Run(id, 0, Run.Kind.START, strategy(request), request.targetNode());
        draft.placementAttempted();
        PlacementOutcome outcome = new ProcessPlacement(context, draft.loads(), placing).place(List.of(process))
                .get(process.name());
        if (outcome instanceof PlacementOutcome.Placed placed) {
            StartPhase.assignRunning(context, draft, placing, process, placed, "start " + context.namespec(process.name())
                    + " on " + placed.nodeId() + " (request '" + id + "'): " + placed.reason());
            return "starting on " + placed.nodeId();
        }
        PlacementOutcome.Refused refusal = (PlacementOutcome.Refused) outcome;
        draft.refused(process.name(), refusal);
        return "refused: not placed: " + refusal.cause();
    }

    private static String restart(AppContext context, PlanDraft draft, ProcessView process, ProcessIntent request) {
        String id = request.requestId();
        String stopTag = id + Run.STOP_SUFFIX;
        boolean stopping = false;
        for (AssignmentRecord record : process.runningAssignments()) {
            if (!tagged(record, id)) {
                draft.put(process, record.node(), DesiredState.STOPPED, stopTag, "Stopping", "restart "
                        + context.namespec(process.name()) + ": stop it on " + record.node() + " (request '" + id + "')");
                stopping = true;
            }
        }
        if (stopping || process.assignments().stream().anyMatch(r -> stopTag.equals(r.assignment().requestId())
                && process.mayStillRun(r, context.alive(r.node())))) {
            return "stopping before the restart";
        }
        return start(context, draft, process, request, true);
    }

    private static boolean runsAnywhere(AppContext context, ProcessView process) {
        return process.nodes().stream().filter(context::alive)
                .anyMatch(node -> process.observed(node).map(s -> s.state().isRunning()).orElse(false));
    }

    private static boolean tagged(AssignmentRecord record, String id) {
        String tag = record.assignment().requestId();
        return id.equals(tag) || (id + Run.STOP_SUFFIX).equals(tag);
    }

    private static StartingStrategy strategy(ProcessIntent request) {
        if (request.strategy() == null || request.strategy().isBlank()) {
            return request.targetNode() == null ? null : StartingStrategy.LOCAL;
        }
        try {
            return StartingStrategy.valueOf(request.strategy().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
