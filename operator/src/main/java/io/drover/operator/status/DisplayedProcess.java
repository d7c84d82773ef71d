package io.drover.operator.status;

import io.drover.api.state.ProcessState;
import java.util.List;

/**
 * The one state of a process across its copies (Supvisors' synthetic process state).
 *
 * @param state        the displayed state
 * @param expectedExit whether its exit (if EXITED) was expected
 * @param runningOn    nodes where a copy is STARTING, RUNNING or BACKOFF
 */
public record DisplayedProcess(ProcessState state, boolean expectedExit, List<String> runningOn) {

    public DisplayedProcess {
        runningOn = List.copyOf(runningOn);
    }

    /** More than one running copy: a conflict for a managed application. */
    public boolean conflict() {
        return runningOn.size() > 1;
    }

    /** Supvisors' {@code crashed()} plus UNKNOWN: what counts as a failure in the status. */
    public boolean failed() {
        return state == ProcessState.FATAL || state == ProcessState.UNKNOWN
                || (state == ProcessState.EXITED && !expectedExit);
    }
}
