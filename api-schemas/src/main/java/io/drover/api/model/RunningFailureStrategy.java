package io.drover.api.model;

/** What happens when a process of a running application crashes or its node is lost (Supvisors RunningFailureStrategies). */
public enum RunningFailureStrategy {
    CONTINUE, RESTART_PROCESS, STOP_APPLICATION, RESTART_APPLICATION, SHUTDOWN, RESTART
}
