package io.drover.operator.planning;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.operator.status.ConditionDraft;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which run is in charge of the application:
 * <ul>
 *   <li>a user request not handled yet is handled now: STOP and RESTART are accepted; START is accepted only when the
 *       application is STOPPED (at most one running instance of a managed application: starting one that runs is
 *       refused with the reason, as Supvisors answers ALREADY_STARTED); the answer goes into the Request
 *       condition;</li>
 *   <li>an accepted request's run stays in charge (with its automatic restarts);</li>
 *   <li>after a refusal, the run that was going on stays in charge;</li>
 *   <li>without any request, a managed application with start_sequence &gt; 0 runs its automatic start when the
 *       order across applications lets it ({@link io.drover.operator.sequencing.AutoStartOrder}); a stopped-by-user
 *       application keeps its STOP intent and is therefore never started automatically again; an unmanaged
 *       application runs its autostart programs; any other application is left as it is.</li>
 * </ul>
 */
final class GoalResolver {

    private GoalResolver() {
    }

    /**
     * @param autostartBlockers the application(s) of lower rank the automatic start of this application (not begun
     *                          yet) waits for; empty when it may begin
     */
    static Goal resolve(AppContext context, Function<AppContext, List<String>> autostartBlockers) {
        return resolve(context, autostartBlockers, (c, base) -> List.of());
    }

    /**
     * @param systemStartBlockers for a system restart's start run (its base given), the lower-ranked applications
     *                            whose start under it is not over
     */
    static Goal resolve(AppContext context, Function<AppContext, List<String>> autostartBlockers,
                        java.util.function.BiFunction<AppContext, String, List<String>> systemStartBlockers) {
        Optional<io.drover.api.state.SystemRequest> system = SystemRuns.inCharge(context);
        if (system.isPresent()) {
            return SystemRuns.goal(context, system.get(), systemStartBlockers.apply(context,
                    system.get().requestId() + SystemRuns.START_SUFFIX));
        }
        Optional<UserRequest> request = context.intent().filter(Intent::hasApplicationRequest).map(UserRequest::of);
        if (request.isPresent()) {
            return forRequest(context, request.get());
        }
        if (!context.managed()) {
            return new Goal(new Run(Run.AUTOSTART, generation(context, Run.AUTOSTART), Run.Kind.START, null, null), null, null);
        }
        if (!context.definition().rules().autoStarted()) {
            return Goal.idle(null, Ledger.sequence(null, true, Ledger.NOT_STARTED,
                    "not started automatically (start_sequence 0): start it on request"));
        }
        Run autostart = new Run(Run.AUTOSTART, generation(context, Run.AUTOSTART), Run.Kind.START, null, null);
        if (!begun(context, Run.AUTOSTART)) {
            if (!context.snapshot().membershipSettled()) {
                return Goal.idle(null, Ledger.sequence(null, false, Ledger.WAITING_FOR_NODES,
                        "automatic start waits for the nodes to register"));
            }
            List<String> blockers = autostartBlockers.apply(context);
            if (!blockers.isEmpty()) {
                return Goal.idle(null, Ledger.sequence(null, false, Ledger.WAITING_FOR_ORDER,
                        "automatic start waits for the applications of lower start_sequence, " + String.join(", ", blockers)
                                + " first"));
            }
        }
        return new Goal(autostart, null, null);
    }

    private static Goal forRequest(AppContext context, UserRequest request) {
        Optional<Boolean> handled = Ledger.requestOutcome(context.status(), request.id());
        Run.Kind kind = switch (request.kind()) {
            case START -> Run.Kind.START;
            case RESTART -> Run.Kind.RESTART;
            case STOP -> Run.Kind.STOP;
        };
        Run requested = new Run(request.id(), generation(context, request.id()), kind, request.strategy(), request.targetNode());
        if (handled.isPresent()) {
            return handled.get() ? new Goal(requested, null, null) : fromRecord(context, null);
        }
        if (request.kind() == UserRequest.Kind.START) {
            ApplicationState state = StatusPhase.currentState(context);
            if (state != ApplicationState.STOPPED) {
                ConditionDraft refusal = Ledger.requestRefused(request.id(), "application is " + state
                        + "; at most one instance of an application runs: stop or restart it instead");
                return fromRecord(context, refusal);
            }
        }
        return new Goal(requested, Ledger.requestAccepted(request.id(), describe(request)), null);
    }

    private static String describe(UserRequest request) {
        String text = request.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (request.kind() != UserRequest.Kind.STOP && request.strategy() != null) {
            text += " with " + request.strategy() + (request.targetNode() == null ? "" : " on " + request.targetNode());
        }
        return request.strategyProblem() == null ? text : text + " (" + request.strategyProblem() + ")";
    }

    /** The run that was in charge before a refused request: the one the status records, else the latest tag's. */
    private static Goal fromRecord(AppContext context, ConditionDraft request) {
        Optional<Ledger.RecordedRun> recorded = Ledger.run(context.status());
        if (recorded.isPresent()) {
            Run.Tag tag = Run.parse(recorded.get().id()).orElseThrow();
            Run.Kind kind = switch (recorded.get().reason()) {
                case Ledger.STOPPING, Ledger.STOPPED -> Run.Kind.STOP;
                case Ledger.RESTARTING -> Run.Kind.RESTART;
                default -> Run.Kind.START;
            };
            return new Goal(new Run(tag.base(), tag.generation(), kind, null, null), request, null);
        }
        for (AssignmentRecord record : context.assignmentsLatestFirst()) {
            Optional<Run.Tag> tag = Run.parse(record.assignment().requestId());
            if (tag.isPresent()) {
                Run.Kind kind = tag.get().stopPhase() ? Run.Kind.RESTART
                        : record.assignment().desired() == DesiredState.STOPPED ? Run.Kind.STOP : Run.Kind.START;
                return new Goal(new Run(tag.get().base(), tag.get().generation(), kind, null, null), request, null);
            }
        }
        return Goal.idle(request, Ledger.sequence(null, true, Ledger.NOT_STARTED, "no run"));
    }

    /** The current generation of the runs of {@code base}: the highest one its assignments or the status name. */
    static int generation(AppContext context, String base) {
        int generation = 0;
        for (AssignmentRecord record : context.assignmentsLatestFirst()) {
            Optional<Run.Tag> tag = Run.parse(record.assignment().requestId());
            if (tag.isPresent() && tag.get().base().equals(base)) {
                generation = Math.max(generation, tag.get().generation());
            }
        }
        Optional<Run.Tag> recorded = Ledger.run(context.status()).flatMap(r -> Run.parse(r.id()));
        if (recorded.isPresent() && recorded.get().base().equals(base)) {
            generation = Math.max(generation, recorded.get().generation());
        }
        return generation;
    }

    /** Whether runs of {@code base} have written anything, or the status records one. */
    static boolean begun(AppContext context, String base) {
        boolean tagged = context.assignmentsLatestFirst().stream()
                .map(r -> Run.parse(r.assignment().requestId()))
                .anyMatch(t -> t.isPresent() && t.get().base().equals(base));
        return tagged || Ledger.run(context.status()).flatMap(r -> Run.parse(r.id()))
                .filter(t -> t.base().equals(base)).isPresent();
    }
}
