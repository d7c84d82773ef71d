package io.drover.operator.sequencing;

/** What the operator knows of the node a process is assigned to. */
public enum NodeHealth {
    /** The node's agent is registered. */
    ALIVE,
    /** The node is gone but node-loss handling is not allowed yet (a new leader's grace period): no verdict. */
    UNREACHABLE,
    /** The node is gone and node loss may be acted on: its processes are lost. */
    LOST
}
