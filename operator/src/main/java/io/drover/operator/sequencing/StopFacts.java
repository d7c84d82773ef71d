package io.drover.operator.sequencing;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import java.time.Instant;

/**
 * What the snapshot says about one copy of a process, for a stop sequence.
 *
 * @param desired      the copy's assignment (null: none, e.g. a process started outside drover)
 * @param nodeAlive    its node is registered
 * @param acknowledged its node reported a state for the assignment's revision
 * @param state        the state its node reports (null: none)
 * @param deadline     when a STOPPED assignment must have taken effect (assigned time + stop budget)
 */
public record StopFacts(DesiredState desired, boolean nodeAlive, boolean acknowledged, ProcessState state, Instant deadline) {
}
