package io.drover.api.state;

/** What is wanted of an application or a process: running or stopped. */
public enum DesiredState {
    RUNNING,
    STOPPED
}
