package io.drover.operator.status;

import io.drover.api.state.ProcessState;
import java.time.Instant;
import java.util.Objects;

/**
 * One copy of a process as the status shows it: the state its node reports (or the state the operator infers: a
 * pending start shows STARTING, a pending stop STOPPING, a copy on a lost node FATAL).
 */
public record ProcessCopy(String node, ProcessState state, boolean expectedExit, Instant updatedAt) {

    public ProcessCopy {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
    }
}
