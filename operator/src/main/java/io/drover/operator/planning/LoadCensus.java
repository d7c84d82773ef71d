package io.drover.operator.planning;

import io.drover.api.model.Distribution;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.placement.NodeLoads;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The load on every alive node (DESIGN rule 6): the expected loadings of the processes of <em>every</em>
 * application that run there or are about to (assigned RUNNING and not yet reported stopped), plus what a
 * non-distributed application whose start is under way still has to start on the node it is bound to (its
 * reservation), so that two applications started together do not both count on the same room.
 */
final class LoadCensus {

    private record Census(Map<String, Integer> loads, Map<String, Map<String, Integer>> reservations) {
    }

    private LoadCensus() {
    }

    /** The loads as {@code application}'s plan sees them: everything but its own reservation. */
    static NodeLoads loadsFor(ClusterSnapshot snapshot, String application, boolean capHosts) {
        Census census = snapshot.memo(LoadCensus.class, k -> count(snapshot));
        Map<String, Integer> loads = new HashMap<>(census.loads());
        census.reservations().forEach((app, reserved) -> {
            if (!app.equals(application)) {
                reserved.forEach((node, load) -> loads.merge(node, load, Integer::sum));
            }
        });
        return NodeLoads.of(snapshot.nodes(), loads, capHosts);
    }

    private static Census count(ClusterSnapshot snapshot) {
        Map<String, Integer> loads = new HashMap<>();
        Set<String> applications = new TreeSet<>(snapshot.assignments().keySet());
        applications.addAll(snapshot.observed().keySet());
        for (String application : applications) {
            ApplicationDefinition definition = snapshot.application(application).orElse(null);
            if (definition == null) {
                continue;
            }
            Map<String, Map<String, AssignmentRecord>> assignments = snapshot.assignments(application);
            Map<String, Map<String, ProcessStatus>> observed = snapshot.observed(application);
            for (ProcessDefinition process : definition.processes()) {
                if (process.expectedLoading() == 0) {
                    continue;
                }
                Map<String, AssignmentRecord> byNode = assignments.getOrDefault(process.name(), Map.of());
                Map<String, ProcessStatus> states = observed.getOrDefault(process.name(), Map.of());
                Set<String> nodes = new TreeSet<>(byNode.keySet());
                nodes.addAll(states.keySet());
                for (String node : nodes) {
                    if (snapshot.isAlive(node) && consumes(byNode.get(node), states.get(node))) {
                        loads.merge(node, process.expectedLoading(), Integer::sum);
                    }
                }
            }
        }
        return new Census(loads, reservations(snapshot));
    }

    /** Whether a copy weighs on its node: it runs (or stops), or it is assigned RUNNING and not reported stopped. */
    static boolean consumes(AssignmentRecord assignment, ProcessStatus status) {
        if (status != null && (status.state().isRunning() || status.state() == ProcessState.STOPPING)) {
            return true;
        }
        if (assignment == null || !assignment.assignment().startsOnNode()) {
            return false;
        }
        boolean acknowledged = status != null && status.assignmentRevision() >= assignment.modRevision();
        return !acknowledged || status == null || !status.state().isStopped();
    }

    private static Map<String, Map<String, Integer>> reservations(ClusterSnapshot snapshot) {
        Map<String, Map<String, Integer>> reservations = new LinkedHashMap<>();
        for (ApplicationDefinition definition : snapshot.applications().values()) {
            if (definition.rules().distribution() == Distribution.ALL_INSTANCES) {
                continue;
            }
            boolean starting = snapshot.status(definition.name()).flatMap(Ledger::run)
                    .filter(run -> !run.settled() && Ledger.STARTING.equals(run.reason())).isPresent();
            if (!starting) {
                continue;
            }
            Map<String, Map<String, AssignmentRecord>> assignments = snapshot.assignments(definition.name());
            Map<String, Integer> copiesPerNode = new LinkedHashMap<>();
            int pending = 0;
            for (ProcessDefinition process : definition.processes()) {
                Map<String, AssignmentRecord> byNode = assignments.getOrDefault(process.name(), Map.of());
                boolean assignedRunning = false;
                for (AssignmentRecord record : byNode.values()) {
                    if (record.assignment().startsOnNode() && snapshot.isAlive(record.node())) {
                        copiesPerNode.merge(record.node(), 1, Integer::sum);
                        assignedRunning = true;
                    }
                }
                if (!assignedRunning && process.startSequence() > 0) {
                    pending += process.expectedLoading();
                }
            }
            String bound = copiesPerNode.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (bound != null && pending > 0) {
                reservations.put(definition.name(), Map.of(bound, pending));
            }
        }
        return reservations;
    }
}
