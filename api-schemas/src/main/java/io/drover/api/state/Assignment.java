package io.drover.api.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.drover.api.model.Names;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecHash;

import java.time.Instant;
import java.util.Objects;

/**
 * Desired state of one process on one node ({@code v1/assignments/<node>/<app>/<process>}), written only by the
 * leader operator in fenced transactions. It carries the program definition itself, so that a node agent needs
 * nothing but its own assignments to run its processes.
 *
 * @param desired            whether the process should run on that node
 * @param specHash           {@link io.drover.api.model.ProgramSpecHash} of {@code program}; a change means "restart
 *                           with the new definition"
 * @param epoch              fencing epoch of the leader that wrote it (create_revision of the leader key)
 * @param application        application the process belongs to
 * @param process            process name within the application
 * @param assignedAt         when the leader wrote this assignment
 * @param requestId          user request that caused it, when there is one (null otherwise)
 * @param program            the program the process comes from; null only in assignments written before it was
 *                           carried, which an agent cannot start
 * @param restartsByOperator true when a running failure strategy of the operator decides what happens after the
 *                           process exits, so the agent must not restart it by itself whatever its {@code autorestart}
 * @param adoptOnly          with RUNNING: keep a copy that already runs, but start none. Written for a node the
 *                           process was moved away from while that node was lost: when it comes back, the copy it may
 *                           still run is left for conciliation to decide on, and a node that rebooted starts nothing
 */
public record Assignment(DesiredState desired, String specHash, long epoch, String application, String process,
                         Instant assignedAt, String requestId, ProgramSpec program, boolean restartsByOperator,
                         boolean adoptOnly) {

    public Assignment {
        Objects.requireNonNull(desired, "desired");
        Names.require("application", application);
        Names.require("process", process);
        if (epoch <= 0) {
            throw new IllegalArgumentException("assignment of " + application + "/" + process
                    + ": epoch must be a leader key create revision (> 0), not " + epoch);
        }
    }

    public Assignment(DesiredState desired, String specHash, long epoch, String application, String process,
                      Instant assignedAt, String requestId, ProgramSpec program, boolean restartsByOperator) {
        this(desired, specHash, epoch, application, process, assignedAt, requestId, program, restartsByOperator, false);
    }

    /** Whether the node is told to run the process, and may start it. */
    @JsonIgnore
    public boolean startsOnNode() {
        return desired == DesiredState.RUNNING && !adoptOnly;
    }

    /** This assignment as one that keeps a running copy but starts none. */
    public Assignment adoptingOnly(Instant at, long newEpoch, String tag) {
        return new Assignment(DesiredState.RUNNING, specHash, newEpoch, application, process, at, tag, program,
                restartsByOperator, true);
    }

    /** An assignment without its program definition (kept for planners that attach it later). */
    public Assignment(DesiredState desired, String specHash, long epoch, String application, String process,
                      Instant assignedAt, String requestId) {
        this(desired, specHash, epoch, application, process, assignedAt, requestId, null, false);
    }

    /** This assignment carrying {@code definition}, hashed, and whether the operator handles restarts. */
    public Assignment withProgram(ProgramSpec definition, boolean operatorRestarts) {
        return new Assignment(desired, ProgramSpecHash.of(definition), epoch, application, process, assignedAt,
                requestId, definition, operatorRestarts, adoptOnly);
    }
}
