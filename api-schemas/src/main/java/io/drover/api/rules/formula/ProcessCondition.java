package io.drover.api.rules.formula;

import java.util.Locale;
import java.util.Set;

/**
 * What the status formula needs to know about one process: its displayed state (a Supervisor state name such as
 * {@code RUNNING} or {@code EXITED}) and, when it exited, whether the exit code was an expected one.
 */
public record ProcessCondition(String state, boolean expectedExit) {

    /** Supervisor's RUNNING_STATES: a process in one of them counts as working. */
    private static final Set<String> RUNNING_STATES = Set.of("STARTING", "RUNNING", "BACKOFF");

    public ProcessCondition {
        state = state == null ? "UNKNOWN" : state.toUpperCase(Locale.ROOT);
    }

    public static ProcessCondition of(String state) {
        return new ProcessCondition(state, false);
    }

    public static ProcessCondition exited(boolean expected) {
        return new ProcessCondition("EXITED", expected);
    }

    /**
     * Whether the process counts as working for the formula: starting, running or backing off, or exited with an
     * expected code (a one-shot job that did its work).
     */
    public boolean isOk() {
        return RUNNING_STATES.contains(state) || ("EXITED".equals(state) && expectedExit);
    }
}
