package io.drover.operator.planning;

import java.util.ArrayList;
import java.util.List;

/** Runs planner and agents in turns until nothing changes: a whole control loop without etcd. */
final class Convergence {

    final List<Plan> plans = new ArrayList<>();
    /** Every snapshot the planner was given, in order. */
    final List<ClusterSnapshot> seen = new ArrayList<>();
    ClusterSnapshot snapshot;

    private Convergence(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    static Convergence run(ClusterSnapshot snapshot, ApplicationPlanner planner, Agents agents, int maxRounds) {
        Convergence convergence = new Convergence(snapshot);
        for (int round = 0; round < maxRounds; round++) {
            convergence.seen.add(convergence.snapshot);
            List<Plan> plans = planner.planAll(convergence.snapshot);
            for (Plan plan : plans) {
                convergence.snapshot = AppliedPlan.apply(convergence.snapshot, plan);
            }
            convergence.plans.addAll(plans);
            ClusterSnapshot acted = agents.act(convergence.snapshot);
            if (plans.isEmpty() && acted == convergence.snapshot) {
                return convergence;
            }
            convergence.snapshot = acted;
        }
        throw new AssertionError("no convergence after " + maxRounds + " rounds; last plans: " + convergence.plans
                .subList(Math.max(0, convergence.plans.size() - 3), convergence.plans.size()));
    }

    /** Moves the clock. */
    Convergence at(java.time.Instant now) {
        snapshot = snapshot.toBuilder().now(now).build();
        return this;
    }
}
