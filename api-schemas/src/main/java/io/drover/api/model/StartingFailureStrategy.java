package io.drover.api.model;

/** What happens to an application start when one of its required processes fails to start. */
public enum StartingFailureStrategy {
    ABORT, STOP, CONTINUE
}
