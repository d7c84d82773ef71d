package io.drover.operator.sequencing;

import io.drover.api.state.ProcessState;
import java.time.Instant;

/**
 * What the snapshot says about one process for the start of the current run.
 *
 * @param assigned      the process has an assignment desired RUNNING
 * @param ownRun        that assignment was written by the current run (its request id is the run's tag)
 * @param staleSpec     that assignment carries an older spec hash than the program's
 * @param node          the health of the assignment's node
 * @param nodeId        the assignment's node
 * @param acknowledged  the node reported a state for this assignment's revision (or a later one)
 * @param state         the state the node reports, null when it reports none
 * @param expectedExit  whether the last exit was expected
 * @param spawnError    Supervisor's spawn error, if any
 * @param waitExit      the program's wait_exit rule
 * @param deadline      when the assignment's start must be complete (assigned time + start budget)
 */
public record StartFacts(boolean assigned, boolean ownRun, boolean staleSpec, NodeHealth node, String nodeId,
                         boolean acknowledged, ProcessState state, boolean expectedExit, String spawnError,
                         boolean waitExit, Instant deadline) {

    public static StartFacts unassigned(boolean waitExit) {
        return new StartFacts(false, false, false, NodeHealth.ALIVE, null, false, null, false, null, waitExit, null);
    }
}
