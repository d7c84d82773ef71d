package io.drover.operator.planning;

import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.EventRecord;
import io.drover.api.state.EventType;
import io.drover.api.state.SystemRequest;
import io.drover.operator.placement.NodeLoads;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.status.ConditionDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan being built for one application: the writes decided so far (recorded in the process views too, so
 * later steps see them), the events that explain them, the loads including this plan's placements, the placement
 * refusals met, and the earliest time to plan again.
 *
 * <p>Events are only emitted next to a write (an assignment, or a status condition that changed), so a plan
 * repeated on an unchanged snapshot emits nothing.
 */
final class PlanDraft {

    private final AppContext context;
    private final NodeLoads loads;
    private final Map<String, PlanAction.PutAssignment> puts = new LinkedHashMap<>();
    private final Map<String, PlanAction.DeleteAssignment> deletes = new LinkedHashMap<>();
    private final Map<String, EventRecord> putEvents = new LinkedHashMap<>();
    private final List<EventRecord> events = new ArrayList<>();
    private final Map<String, PlacementOutcome.Refused> refusals = new LinkedHashMap<>();
    private boolean placementAttempted;
    private Instant recheckAt;
    private boolean restartBegun;
    private final List<ConditionDraft> conditions = new ArrayList<>();
    private PlanAction.WriteSystemRequest systemRequest;

    PlanDraft(AppContext context, NodeLoads loads) {
        this.context = context;
        this.loads = loads;
    }

    NodeLoads loads() {
        return loads;
    }

    /** Records that this plan begins an automatic restart, counted in the application's restart budget. */
    void beginRestart() {
        restartBegun = true;
    }

    boolean restartBegun() {
        return restartBegun;
    }

    /** Asks every managed application to stop (and start again, for RESTART): written with this plan. */
    void systemRequest(SystemRequest request, long expectedModRevision) {
        systemRequest = new PlanAction.WriteSystemRequest(request, expectedModRevision);
    }

    /** A condition to show besides those the status phase derives (e.g. what became of process requests). */
    void condition(ConditionDraft condition) {
        conditions.add(condition);
    }

    List<ConditionDraft> conditions() {
        return List.copyOf(conditions);
    }

    /**
     * Puts an assignment unless an equivalent one is already there: for RUNNING, the same program definition (spec
     * hash) for the same run; for STOPPED, stopped by the same run. The assignment carries the program definition, so
     * the node agent needs nothing else to run it, and whether the operator's running failure strategy decides what
     * happens when it exits (STOP_APPLICATION, RESTART_APPLICATION: the agent must not restart it by itself).
     */
    void put(ProcessView process, String node, DesiredState desired, String tag, String reason, String message) {
        Optional<AssignmentRecord> existing = process.assignment(node);
        record(process, node, existing, assignment(process, existing, desired, tag), reason, message);
    }

    /** Writes {@code assignment} unless an equivalent one is there, conditioned on what the planner saw. */
    private void record(ProcessView process, String node, Optional<AssignmentRecord> existing, Assignment assignment,
                        String reason, String message) {
        if (existing.isPresent() && equivalent(existing.get().assignment(), assignment)) {
            return;
        }
        String key = key(node, process.name());
        long expected = existing.map(AssignmentRecord::modRevision).orElse(0L);
        if (expected == AssignmentRecord.PLANNED) {
            expected = puts.get(key).expectedModRevision();
        }
        puts.put(key, new PlanAction.PutAssignment(node, assignment, expected, message));
        process.record(new AssignmentRecord(node, assignment, AssignmentRecord.PLANNED));
        putEvents.put(key, eventRecord(EventType.NORMAL, "process/" + context.name() + "/" + process.name(), reason, message));
    }

    /**
     * Puts an adopt-only assignment on {@code node}: a copy the node may still run when it comes back is kept for
     * conciliation, and none is started there.
     */
    void hold(ProcessView process, String node, String tag, String message) {
        Optional<AssignmentRecord> existing = process.assignment(node);
        record(process, node, existing, assignment(process, existing, DesiredState.RUNNING, tag)
                .adoptingOnly(context.now(), context.snapshot().epoch(), tag), "Held", message);
    }

    private Assignment assignment(ProcessView process, Optional<AssignmentRecord> existing, DesiredState desired, String tag) {
        long epoch = context.snapshot().epoch();
        if (process.defined()) {
            ProcessDefinition definition = process.definition();
            RunningFailureStrategy strategy = definition.rules().runningFailureStrategy();
            // the strategy, not Supervisor's autorestart, decides what follows an exit (Supvisors turns it off too)
            boolean operatorRestarts = strategy == RunningFailureStrategy.STOP_APPLICATION
                    || strategy == RunningFailureStrategy.RESTART_APPLICATION
                    || strategy == RunningFailureStrategy.SHUTDOWN || strategy == RunningFailureStrategy.RESTART;
            return new Assignment(desired, definition.specHash(), epoch, context.name(), process.name(), context.now(), tag)
                    .withProgram(definition.program(), operatorRestarts && context.managed());
        }
        Assignment previous = existing.map(AssignmentRecord::assignment).orElse(null);
        return new Assignment(desired, previous == null ? null : previous.specHash(), epoch, context.name(), process.name(),
                context.now(), tag, previous == null ? null : previous.program(), previous != null && previous.restartsByOperator());
    }

    private static boolean equivalent(Assignment current, Assignment wanted) {
        if (current.desired() != wanted.desired() || !Objects.equals(current.requestId(), wanted.requestId())
                || current.adoptOnly() != wanted.adoptOnly()) {
            return false;
        }
        if (wanted.desired() == DesiredState.STOPPED) {
            return true;
        }
        return Objects.equals(current.specHash(), wanted.specHash()) && current.restartsByOperator() == wanted.restartsByOperator()
                && (current.program() != null || wanted.program() == null);
    }

    /** Deletes an assignment; one this plan was about to write is simply not written (and deleted if it existed). */
    void delete(ProcessView process, String node, String message) {
        Optional<AssignmentRecord> existing = process.assignment(node);
        if (existing.isEmpty()) {
            return;
        }
        String key = key(node, process.name());
        long expected = existing.get().modRevision();
        if (expected == AssignmentRecord.PLANNED) {
            expected = puts.remove(key).expectedModRevision();
            putEvents.remove(key);
        }
        process.forget(node);
        if (expected == 0) {
            return;
        }
        deletes.put(key, new PlanAction.DeleteAssignment(node, context.name(), process.name(), expected, message));
        event(EventType.NORMAL, "process/" + context.name() + "/" + process.name(), "Removed", message);
    }

    void event(EventType type, String object, String reason, String message) {
        events.add(eventRecord(type, object, reason, message));
    }

    private EventRecord eventRecord(EventType type, String object, String reason, String message) {
        return new EventRecord(context.now(), context.settings().eventSource(), type, object, reason, message);
    }

    void refused(String process, PlacementOutcome.Refused refusal) {
        refusals.put(process, refusal);
    }

    Map<String, PlacementOutcome.Refused> refusals() {
        return refusals;
    }

    void placementAttempted() {
        placementAttempted = true;
    }

    boolean wasPlacementAttempted() {
        return placementAttempted;
    }

    void recheck(Instant at) {
        if (at != null && (recheckAt == null || at.isBefore(recheckAt))) {
            recheckAt = at;
        }
    }

    void recheck(Optional<Instant> at) {
        at.ifPresent(this::recheck);
    }

    /** The plan: assignment writes, then the status writes given, then the events explaining them. */
    Plan toPlan(List<PlanAction> statusActions, List<EventRecord> statusEvents) {
        List<PlanAction> actions = new ArrayList<>(puts.values());
        actions.addAll(deletes.values());
        if (systemRequest != null) {
            actions.add(systemRequest);
        }
        actions.addAll(statusActions);
        putEvents.values().forEach(e -> actions.add(new PlanAction.EmitEvent(e)));
        events.forEach(e -> actions.add(new PlanAction.EmitEvent(e)));
        statusEvents.forEach(e -> actions.add(new PlanAction.EmitEvent(e)));
        return new Plan(context.name(), actions, Optional.ofNullable(recheckAt));
    }

    private static String key(String node, String process) {
        return node + "/" + process;
    }
}
