package io.drover.operator.planning;

import io.drover.operator.sequencing.AutoStartOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The entry point of the operator's decisions: {@link #plan(String, ClusterSnapshot)} tells what to write for one
 * application, from the snapshot alone. Pure and stateless: call it from any thread, for any application, as often
 * as wanted; the same snapshot always gives the same plan, and a snapshot where that plan was applied (and nothing
 * else changed) gives an empty one.
 */
public final class ApplicationPlanner {

    private final PlannerSettings settings;

    public ApplicationPlanner(PlannerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ApplicationPlanner() {
        this(PlannerSettings.defaults());
    }

    public PlannerSettings settings() {
        return settings;
    }

    /** The plan for {@code application} (defined, or deleted but still holding assignments or a status). */
    public Plan plan(String application, ClusterSnapshot snapshot) {
        return new PlanningSession(snapshot, settings).plan(application);
    }

    /**
     * Plans every application of the snapshot one after the other, each on the snapshot with the previous plans
     * applied ({@link AppliedPlan}), lower application start_sequence first: what a reconciler working through its
     * queue with a write-through cache does. Returns the non-empty plans.
     */
    public List<Plan> planAll(ClusterSnapshot snapshot) {
        List<Plan> plans = new ArrayList<>();
        ClusterSnapshot current = snapshot;
        for (String application : order(snapshot)) {
            Plan plan = plan(application, current);
            if (!plan.isEmpty()) {
                plans.add(plan);
                current = AppliedPlan.apply(current, plan);
            }
        }
        return plans;
    }

    /**
     * The automatically started applications (managed, start_sequence &gt; 0, no user request) that may begin or go
     * on with their start now: those already begun, and those every lower-ranked one of which has begun and finished
     * its start sequence (started, aborted or stopped on failure).
     */
    public Set<String> applicationsAllowedToStart(ClusterSnapshot snapshot) {
        return AutoStartOrder.mayBegin(new PlanningSession(snapshot, settings).autostartOrder());
    }

    private static List<String> order(ClusterSnapshot snapshot) {
        return snapshot.applicationNames().stream()
                .sorted(Comparator.comparingInt((String name) -> snapshot.application(name)
                        .map(d -> d.rules().startSequence()).orElse(0)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
