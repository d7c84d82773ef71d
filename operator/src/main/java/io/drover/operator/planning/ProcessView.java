package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One process of the application being planned, with its assignments and reported states on every node. The
 * assignments are a working copy: what the plan writes is recorded here (with revision
 * {@link AssignmentRecord#PLANNED}), so the later steps of the same plan, and the status, see it.
 */
final class ProcessView {

    private final String name;
    private final ProcessDefinition definition;
    private final Map<String, AssignmentRecord> assignments;
    private final Map<String, ProcessStatus> observed;

    ProcessView(String name, ProcessDefinition definition, Map<String, AssignmentRecord> assignments,
                Map<String, ProcessStatus> observed) {
        this.name = name;
        this.definition = definition;
        this.assignments = new TreeMap<>(assignments);
        this.observed = new TreeMap<>(observed);
    }

    String name() {
        return name;
    }

    /** Null when the process is no longer in the application (removed program, lower numprocs, deleted application). */
    ProcessDefinition definition() {
        return definition;
    }

    boolean defined() {
        return definition != null;
    }

    Optional<AssignmentRecord> assignment(String node) {
        return Optional.ofNullable(assignments.get(node));
    }

    List<AssignmentRecord> assignments() {
        return List.copyOf(assignments.values());
    }

    Optional<ProcessStatus> observed(String node) {
        return Optional.ofNullable(observed.get(node));
    }

    /** Every node the process has an assignment or a reported state on, in name order. */
    Set<String> nodes() {
        Set<String> nodes = new TreeSet<>(assignments.keySet());
        nodes.addAll(observed.keySet());
        return nodes;
    }

    /**
     * Assignments that tell a node to run the process, latest first; adopt-only ones (a copy left behind on a node
     * that was lost, see {@link #heldAssignments()}) are not among them.
     */
    List<AssignmentRecord> runningAssignments() {
        List<AssignmentRecord> running = new ArrayList<>();
        for (AssignmentRecord record : assignments.values()) {
            if (record.assignment().startsOnNode()) {
                running.add(record);
            }
        }
        running.sort(Comparator.comparingLong(AssignmentRecord::modRevision).reversed());
        return running;
    }

    /** Adopt-only assignments: copies left behind on nodes the process was moved away from while they were lost. */
    List<AssignmentRecord> heldAssignments() {
        return assignments.values().stream().filter(r -> r.assignment().adoptOnly()
                && r.assignment().desired() == DesiredState.RUNNING).toList();
    }

    /** The assignment that says where the process runs: the latest RUNNING one, on an alive node when there is one. */
    Optional<AssignmentRecord> runningAssignment(java.util.function.Predicate<String> alive) {
        List<AssignmentRecord> running = runningAssignments();
        return running.stream().filter(r -> alive.test(r.node())).findFirst().or(() -> running.stream().findFirst());
    }

    /** Whether the node reported a state for this assignment's revision, or a later one. */
    boolean acknowledged(AssignmentRecord record) {
        ProcessStatus status = observed.get(record.node());
        return status != null && status.assignmentRevision() >= record.modRevision();
    }

    /**
     * Whether the copy of {@code record}'s node may still run: its alive node has not answered the assignment yet, or
     * reports the process running or stopping.
     */
    boolean mayStillRun(AssignmentRecord record, boolean nodeAlive) {
        if (!nodeAlive) {
            return false;
        }
        ProcessStatus status = observed.get(record.node());
        return !acknowledged(record) || (status != null
                && (status.state().isRunning() || status.state() == io.drover.api.state.ProcessState.STOPPING));
    }

    void record(AssignmentRecord record) {
        assignments.put(record.node(), record);
    }

    void forget(String node) {
        assignments.remove(node);
    }
}
