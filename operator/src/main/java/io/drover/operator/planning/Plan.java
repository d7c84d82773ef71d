package io.drover.operator.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the planner decided for one application: explicit actions, in order, to apply in one transaction; and when
 * to plan again if nothing changes in etcd meanwhile (the earliest deadline the plan waits on: a start stage, a
 * stop, a restart back-off). An empty plan means the application is where it should be for now.
 */
public record Plan(String application, List<PlanAction> actions, Optional<Instant> recheckAt) {

    public Plan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public List<PlanAction.PutAssignment> puts() {
        return actions.stream().filter(PlanAction.PutAssignment.class::isInstance).map(PlanAction.PutAssignment.class::cast).toList();
    }

    public List<PlanAction.DeleteAssignment> deletes() {
        return actions.stream().filter(PlanAction.DeleteAssignment.class::isInstance).map(PlanAction.DeleteAssignment.class::cast).toList();
    }

    public List<PlanAction.EmitEvent> events() {
        return actions.stream().filter(PlanAction.EmitEvent.class::isInstance).map(PlanAction.EmitEvent.class::cast).toList();
    }

    public Optional<PlanAction.WriteStatus> statusWrite() {
        return actions.stream().filter(PlanAction.WriteStatus.class::isInstance).map(PlanAction.WriteStatus.class::cast).findFirst();
    }

    public boolean deletesStatus() {
        return actions.stream().anyMatch(PlanAction.DeleteStatus.class::isInstance);
    }
}
