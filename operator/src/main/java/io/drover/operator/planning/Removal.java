package io.drover.operator.planning;

import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.EventRecord;
import io.drover.api.state.EventType;
import io.drover.operator.sequencing.StopOutcome;
import java.util.List;

/**
 * What is no longer defined goes away: a deleted application is stopped (by stop sequence when its rules are still
 * known, all at once otherwise), then its assignments and its status are deleted; a process removed from an
 * application (a program deleted, a lower numprocs) is stopped, then its assignments are deleted. A node that is
 * gone keeps nothing: its agent, when it comes back, finds no assignment and stops what it still runs.
 */
final class Removal {

    static final String DELETED_TAG = "deleted";
    static final String REMOVED_TAG = "removed";

    private Removal() {
    }

    static Plan deletedApplication(AppContext context, PlanDraft draft) {
        StopOutcome stop = StopPhase.run(context, draft, context.processes(), a -> false, DELETED_TAG, "application deleted");
        if (!stop.done()) {
            return draft.toPlan(List.of(), List.of());
        }
        for (ProcessView process : context.processes()) {
            for (AssignmentRecord record : process.assignments()) {
                draft.delete(process, record.node(), "application " + context.name() + " deleted: forget "
                        + context.namespec(process.name()) + " on " + record.node());
            }
        }
        ApplicationStatus status = context.status();
        if (status == null) {
            return draft.toPlan(List.of(), List.of());
        }
        EventRecord event = new EventRecord(context.now(), context.settings().eventSource(), EventType.NORMAL,
                "application/" + context.name(), "Deleted", "application " + context.name() + " deleted and stopped");
        return draft.toPlan(List.of(new PlanAction.DeleteStatus(context.name())), List.of(event));
    }

    static void leftoverProcesses(AppContext context, PlanDraft draft) {
        List<ProcessView> leftovers = context.leftovers();
        if (leftovers.isEmpty()) {
            return;
        }
        StopOutcome stop = StopPhase.run(context, draft, leftovers, a -> false, REMOVED_TAG, "removed from the application");
        if (stop.done()) {
            for (ProcessView process : leftovers) {
                for (AssignmentRecord record : process.assignments()) {
                    draft.delete(process, record.node(), context.namespec(process.name()) + " removed from the application:"
                            + " forget it on " + record.node());
                }
            }
        }
    }
}
