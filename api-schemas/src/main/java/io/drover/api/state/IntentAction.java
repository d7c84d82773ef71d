package io.drover.api.state;

/** The command a user gave: what an {@link Intent} or a {@link ProcessIntent} records besides its desired state. */
public enum IntentAction {
    START, STOP, RESTART;

    /** The state the command leaves the application or process in. */
    public DesiredState desired() {
        return this == STOP ? DesiredState.STOPPED : DesiredState.RUNNING;
    }
}
