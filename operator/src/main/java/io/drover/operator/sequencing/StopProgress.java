package io.drover.operator.sequencing;

/** Where one copy of a process (a process on one node) stands in a stop sequence. */
public enum StopProgress {
    /** Running, starting or about to start (a pending RUNNING assignment): it must be told to stop. */
    UP,
    /** Told to stop; its node has not confirmed yet. */
    GOING_DOWN,
    /** Stopped, gone, or on a node that is gone (its STOPPED assignment waits for it). */
    DOWN,
    /** Told to stop and still not stopped at the deadline: passed over so the sequence goes on. */
    EXPIRED
}
