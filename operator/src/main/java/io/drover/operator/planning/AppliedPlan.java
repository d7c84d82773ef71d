package io.drover.operator.planning;

/**
 * The snapshot as it is once a plan is applied (what the caches show after the transaction): puts get new
 * revisions, deletions disappear, the status is replaced. Nodes report nothing new, so the new assignments are not
 * acknowledged yet. Used to plan several applications from one snapshot ({@link ApplicationPlanner#planAll}), by
 * an actuator that updates its cache write-through, and by tests.
 */
public final class AppliedPlan {

    private AppliedPlan() {
    }

    public static ClusterSnapshot apply(ClusterSnapshot snapshot, Plan plan) {
        if (plan.isEmpty()) {
            return snapshot;
        }
        ClusterSnapshot.Builder builder = snapshot.toBuilder();
        long revision = snapshot.revision();
        for (PlanAction action : plan.actions()) {
            if (action instanceof PlanAction.PutAssignment put) {
                builder.assignment(put.node(), put.assignment(), ++revision);
            } else if (action instanceof PlanAction.DeleteAssignment delete) {
                builder.removeAssignment(delete.node(), delete.application(), delete.process());
                ++revision;
            } else if (action instanceof PlanAction.WriteStatus write) {
                builder.status(write.application(), write.status());
                ++revision;
            } else if (action instanceof PlanAction.WriteSystemRequest system) {
                builder.systemRequest(system.request(), ++revision);
            } else if (action instanceof PlanAction.DeleteStatus delete) {
                builder.removeStatus(delete.application());
                ++revision;
            }
        }
        return builder.revision(revision).build();
    }
}
