package io.drover.operator.planning;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.EventType;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessStatus;
import io.drover.api.state.SystemAction;
import io.drover.api.state.SystemRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SHUTDOWN and RESTART, the running failure strategies that act on the whole system (Supvisors' SHUTTING_DOWN and
 * RESTARTING), on the managed applications only — never on etcd or the agents:
 * <ul>
 *   <li>a crash under one of them writes the system request ({@code v1/system/request}) once;</li>
 *   <li>every managed application then stops, in application stop_sequence order, greatest first (an application
 *       waits until those of greater stop_sequence are stopped), unless its own request was made later;</li>
 *   <li>for RESTART, once every managed application is stopped, the automatically started ones start again in
 *       start_sequence order, as a run named after the request.</li>
 * </ul>
 * After a SHUTDOWN, applications stay stopped until a user starts them (their own, later, request wins).
 */
final class SystemRuns {

    /** Suffix of the run that starts everything again after a RESTART's stop. */
    static final String START_SUFFIX = "-start";

    private SystemRuns() {
    }

    /** Writes the system request for a crash under SHUTDOWN or RESTART, unless one was made since the crash. */
    static void request(AppContext context, PlanDraft draft, RunningFailures.Decision decision) {
        SystemAction action = decision.kind() == RunningFailures.Kind.SHUTDOWN ? SystemAction.SHUTDOWN : SystemAction.RESTART;
        Instant crashed = crashTime(context);
        Optional<SystemRequest> existing = context.snapshot().systemRequest();
        if (existing.isPresent() && !existing.get().requestedAt().isBefore(crashed)) {
            return;
        }
        String id = "system-" + action.name().toLowerCase(Locale.ROOT) + "-" + context.now().toEpochMilli();
        String cause = String.join(", ", decision.causes());
        draft.systemRequest(new SystemRequest(action, id, context.now(), cause),
                context.snapshot().systemRequestRevision());
        draft.event(EventType.WARNING, "application/" + context.name(), action == SystemAction.SHUTDOWN ? "ShuttingDown"
                : "Restarting", action + " of every managed application (request '" + id + "'): " + cause);
    }

    /** The latest exit among the crashed copies: a system request made after it has dealt with it. */
    private static Instant crashTime(AppContext context) {
        Instant latest = Instant.EPOCH;
        for (ProcessView process : context.defined()) {
            for (String node : process.nodes()) {
                Optional<ProcessStatus> status = process.observed(node);
                if (status.isPresent() && status.get().stopTime() != null && status.get().stopTime().isAfter(latest)) {
                    latest = status.get().stopTime();
                }
            }
        }
        return latest;
    }

    /** The system request in charge of this application: one made after the application's own request. */
    static Optional<SystemRequest> inCharge(AppContext context) {
        if (!context.managed()) {
            return Optional.empty();
        }
        Optional<Instant> own = context.intent().filter(Intent::hasApplicationRequest).map(Intent::requestedAt);
        return context.snapshot().systemRequest()
                .filter(request -> own.isEmpty() || own.get().isBefore(request.requestedAt()));
    }

    /**
     * The goal under {@code request}: the stop (after the applications of greater stop_sequence), then, for RESTART
     * and once every managed application is stopped, the start in start order.
     *
     * @param startBlockers the lower-ranked applications whose start under the restart run is not over yet
     */
    static Goal goal(AppContext context, SystemRequest request, List<String> startBlockers) {
        String startBase = request.requestId() + START_SUFFIX;
        if (request.action() == SystemAction.RESTART && (GoalResolver.begun(context, startBase) || restartBegun(context, startBase)
                || everythingStopped(context))) {
            if (!context.definition().rules().autoStarted()) {
                return Goal.idle(null, Ledger.sequence(null, true, Ledger.NOT_STARTED,
                        "not started again by the system restart (start_sequence 0)"));
            }
            if (!GoalResolver.begun(context, startBase) && !startBlockers.isEmpty()) {
                return Goal.idle(null, Ledger.sequence(null, false, Ledger.WAITING_FOR_ORDER, "the system restart starts"
                        + " the applications of lower start_sequence, " + String.join(", ", startBlockers) + " first"));
            }
            return new Goal(new Run(startBase, GoalResolver.generation(context, startBase), Run.Kind.START, null, null),
                    null, null);
        }
        List<String> greater = stopBlockers(context);
        if (!GoalResolver.begun(context, request.requestId()) && !greater.isEmpty()) {
            return Goal.idle(null, Ledger.sequence(null, false, Ledger.WAITING_FOR_ORDER, "the system "
                    + request.action().name().toLowerCase(Locale.ROOT) + " stops the applications of greater"
                    + " stop_sequence, " + String.join(", ", greater) + " first"));
        }
        return new Goal(new Run(request.requestId(), 0, Run.Kind.STOP, null, null), null, null);
    }

    /** Managed applications of greater stop_sequence that are not stopped yet. */
    private static List<String> stopBlockers(AppContext context) {
        int rank = context.definition().rules().stopSequence();
        List<String> blockers = new ArrayList<>();
        for (ApplicationDefinition other : context.snapshot().applications().values()) {
            if (other.managed() && other.rules().stopSequence() > rank && !stopped(context, other.name())) {
                blockers.add(other.name());
            }
        }
        return blockers;
    }

    /** Stopped, and told so: no node is told to run any of its processes (an exited one still is, until stopped). */
    private static boolean stopped(AppContext context, String application) {
        AppContext other = AppContext.of(application, context.snapshot(), context.settings());
        return StatusPhase.currentState(other) == ApplicationState.STOPPED
                && other.processes().stream().allMatch(p -> p.runningAssignments().stream()
                .noneMatch(r -> context.alive(r.node())));
    }

    /** Whether every managed application under the request is stopped: the restart's start may begin. */
    private static boolean everythingStopped(AppContext context) {
        for (ApplicationDefinition other : context.snapshot().applications().values()) {
            if (other.managed() && !stopped(context, other.name())) {
                return false;
            }
        }
        return true;
    }

    /** Whether some application already started under the restart run: the stop phase is over for everyone. */
    private static boolean restartBegun(AppContext context, String startBase) {
        for (ApplicationDefinition other : context.snapshot().applications().values()) {
            if (other.managed() && GoalResolver.begun(AppContext.of(other.name(), context.snapshot(), context.settings()),
                    startBase)) {
                return true;
            }
        }
        return false;
    }
}
