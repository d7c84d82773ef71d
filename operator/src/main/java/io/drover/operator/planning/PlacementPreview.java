package io.drover.operator.planning;

import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What would start where if some applications were applied now (the dry run of an apply): the planner runs on the
 * cluster as it is, with those applications in it, each start it asks for taken as successful, until nothing more
 * starts — so every stage of every start sequence is placed, counting the load of what the other applications run
 * and are about to run. Nothing is written.
 */
public final class PlacementPreview {

    /** Rounds of planning at most: one per start stage of the deepest sequence, and some for application ranks. */
    private static final int MAX_ROUNDS = 64;

    private PlacementPreview() {
    }

    /**
     * @param placement node of each process that would start, by process name
     * @param outcome   the application's Sequence condition at the end ("start sequence complete", "not started
     *                  automatically", why a start would abort...)
     */
    public record ApplicationPreview(String application, Map<String, String> placement, String outcome) {
    }

    public static List<ApplicationPreview> of(ClusterSnapshot snapshot, Collection<String> applications,
                                              ApplicationPlanner planner) {
        ClusterSnapshot current = snapshot.toBuilder().membershipSettled(true).build();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Plan> plans = planner.planAll(current);
            if (plans.isEmpty()) {
                break;
            }
            ClusterSnapshot applied = current;
            for (Plan plan : plans) {
                applied = AppliedPlan.apply(applied, plan);
            }
            current = started(applied, plans);
        }
        ClusterSnapshot end = current;
        List<ApplicationPreview> previews = new ArrayList<>();
        for (String application : applications) {
            Map<String, String> placement = new TreeMap<>();
            end.assignments(application).forEach((process, byNode) -> byNode.values().stream()
                    .filter(r -> r.assignment().startsOnNode() && end.isAlive(r.node()))
                    .forEach(r -> placement.put(process, r.node())));
            String outcome = end.status(application).flatMap(s -> s.conditions().stream()
                    .filter(c -> c.type().equals(Ledger.SEQUENCE)).findFirst()).map(c -> c.message()).orElse("");
            previews.add(new ApplicationPreview(application, placement, outcome));
        }
        return previews;
    }

    /** The snapshot once the nodes started every process the plans assigned RUNNING (and stopped the others). */
    private static ClusterSnapshot started(ClusterSnapshot snapshot, List<Plan> plans) {
        ClusterSnapshot.Builder builder = snapshot.toBuilder();
        for (Plan plan : plans) {
            for (PlanAction.PutAssignment put : plan.puts()) {
                AssignmentRecord record = snapshot.assignments(put.assignment().application())
                        .getOrDefault(put.assignment().process(), Map.of()).get(put.node());
                if (record == null || !snapshot.isAlive(put.node())) {
                    continue;
                }
                ProcessState state = record.assignment().startsOnNode() ? ProcessState.RUNNING : ProcessState.STOPPED;
                builder.observed(put.node(), put.assignment().application(), put.assignment().process(), new ProcessStatus(
                        state, state == ProcessState.RUNNING ? 1L : null, snapshot.now(), null, null, true, null,
                        record.modRevision(), snapshot.now()));
            }
        }
        return builder.build();
    }
}
