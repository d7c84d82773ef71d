package io.drover.operator.sequencing;

/** Where one process stands in the start of a run. */
public enum StartProgress {
    /** The run has not asked for it yet (or asks again: an older run's copy failed, or its spec changed). */
    NOT_REQUESTED,
    /** Asked for; its node has not answered yet, or it is starting, or (wait_exit) running until it exits. */
    IN_PROGRESS,
    /** Running, or exited as expected for a wait_exit program. */
    DONE,
    /** Failed to start in this run: FATAL, unexpected exit, stopped, node lost, not placeable, deadline passed. */
    FAILED
}
