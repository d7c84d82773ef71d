package io.drover.api.state;

import java.util.Arrays;

/** State of an application as a whole, derived from its processes (Supvisors ApplicationStates, same codes). */
public enum ApplicationState {
    STOPPED(0),
    STARTING(1),
    RUNNING(2),
    STOPPING(3);

    private final int code;

    ApplicationState(int code) {
        this.code = code;
    }

    /** Supvisors' numeric state code. */
    public int code() {
        return code;
    }

    public static ApplicationState fromCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no application state has the code " + code));
    }
}
