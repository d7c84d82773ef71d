package io.drover.api.state;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Observed state of a process, exactly Supervisor's states with Supervisor's numeric codes, so that values read from
 * a Supervisor XML-RPC interface or written by a drover node agent mean the same.
 */
public enum ProcessState {
    STOPPED(0),
    STARTING(10),
    RUNNING(20),
    BACKOFF(30),
    STOPPING(40),
    EXITED(100),
    FATAL(200),
    UNKNOWN(1000);

    /** Supervisor's {@code RUNNING_STATES}: the process is, or is about to be, up. */
    public static final Set<ProcessState> RUNNING_STATES = Set.copyOf(EnumSet.of(STARTING, RUNNING, BACKOFF));

    /** Supervisor's {@code STOPPED_STATES}: the process is not up. STOPPING is in neither group. */
    public static final Set<ProcessState> STOPPED_STATES = Set.copyOf(EnumSet.of(STOPPED, EXITED, FATAL, UNKNOWN));

    private final int code;

    ProcessState(int code) {
        this.code = code;
    }

    /** Supervisor's numeric state code. */
    public int code() {
        return code;
    }

    public boolean isRunning() {
        return RUNNING_STATES.contains(this);
    }

    public boolean isStopped() {
        return STOPPED_STATES.contains(this);
    }

    /** The state with Supervisor's numeric {@code code}. */
    public static ProcessState fromCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Supervisor process state has the code " + code
                        + "; known codes: " + Arrays.toString(Arrays.stream(values()).mapToInt(ProcessState::code).toArray())));
    }
}
