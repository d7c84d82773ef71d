package io.drover.api.state;

import io.drover.api.model.Names;

import java.time.Instant;
import java.util.Objects;

/**
 * Desired state of one process on one node ({@code v1/assignments/<node>/<app>/<process>}), written only by the
 * leader operator in fenced transactions. The node agent acts on it only if {@code epoch} is the current leader's.
 *
 * @param desired     whether the process should run on that node
 * @param specHash    hash of the program spec the process must run with; a change means "restart with the new spec"
 * @param epoch       fencing epoch of the leader that wrote it (create_revision of the leader key)
 * @param application application the process belongs to
 * @param process     process name within the application
 * @param assignedAt  when the leader wrote this assignment
 * @param requestId   user request that caused it, when there is one (null otherwise)
 */
public record Assignment(DesiredState desired, String specHash, long epoch, String application, String process,
                         Instant assignedAt, String requestId) {

    public Assignment {
        Objects.requireNonNull(desired, "desired");
        Names.require("application", application);
        Names.require("process", process);
        if (epoch <= 0) {
            throw new IllegalArgumentException("assignment of " + application + "/" + process
                    + ": epoch must be a leader key create revision (> 0), not " + epoch);
        }
    }
}
