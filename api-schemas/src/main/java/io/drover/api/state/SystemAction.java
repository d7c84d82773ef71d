package io.drover.api.state;

/** What a running failure strategy asks of the whole drover system (Supvisors' SHUTDOWN and RESTART). */
public enum SystemAction {
    /** Stop every managed application, in application stop_sequence order (greatest first). */
    SHUTDOWN,
    /** The same stop, then start every automatically started application again, in start order. */
    RESTART
}
