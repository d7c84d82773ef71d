package io.drover.agent.process;

/** What {@link LocalSupervisor#shutdown} does with the processes. */
public enum ShutdownMode {
    /** Stop every process, in reverse priority order (highest priority value first), as supervisord does. */
    STOP_ALL,
    /** Leave every process running, remembered in the state directory, for the next agent to adopt (in-place upgrade). */
    LEAVE_RUNNING
}
