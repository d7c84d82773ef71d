package io.drover.operator.planning;

import io.drover.api.state.Assignment;
import java.util.Objects;

/**
 * An assignment as stored: the node its key names, its value and the key's mod_revision. The revision tells
 * whether the node has acted on it ({@code ProcessStatus.assignmentRevision}) and fences the write that replaces it.
 */
public record AssignmentRecord(String node, Assignment assignment, long modRevision) {

    /** The revision of an assignment a plan is writing: later than anything a node has acknowledged. */
    public static final long PLANNED = Long.MAX_VALUE;

    public AssignmentRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(assignment, "assignment");
    }

    public String application() {
        return assignment.application();
    }

    public String process() {
        return assignment.process();
    }
}
