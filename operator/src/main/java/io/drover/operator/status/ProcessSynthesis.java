package io.drover.operator.status;

import io.drover.api.state.ProcessState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Supvisors' {@code ProcessStatus.update_status}: the displayed state of a process from its copies.
 * <ul>
 *   <li>several running copies (a conflict): the first present of RUNNING, BACKOFF, STARTING;</li>
 *   <li>one running copy: its state;</li>
 *   <li>none: STOPPING if a copy is stopping, else the most recently updated copy's state and exit;</li>
 *   <li>no copy at all: STOPPED (drover knows a process from its definition before any node reports it; Supvisors
 *       shows UNKNOWN until a Supervisor does, which would count as a failure).</li>
 * </ul>
 */
public final class ProcessSynthesis {

    private static final List<ProcessState> CONFLICT_PRIORITY =
            List.of(ProcessState.RUNNING, ProcessState.BACKOFF, ProcessState.STARTING);

    private ProcessSynthesis() {
    }

    public static DisplayedProcess display(List<ProcessCopy> copies) {
        List<ProcessCopy> running = copies.stream().filter(c -> c.state().isRunning())
                .sorted(Comparator.comparing(ProcessCopy::node)).toList();
        List<String> runningOn = running.stream().map(ProcessCopy::node).toList();
        if (running.size() > 1) {
            ProcessState state = CONFLICT_PRIORITY.stream()
                    .filter(s -> running.stream().anyMatch(c -> c.state() == s)).findFirst().orElse(ProcessState.UNKNOWN);
            return new DisplayedProcess(state, true, runningOn);
        }
        if (running.size() == 1) {
            return new DisplayedProcess(running.get(0).state(), true, runningOn);
        }
        if (copies.stream().anyMatch(c -> c.state() == ProcessState.STOPPING)) {
            return new DisplayedProcess(ProcessState.STOPPING, false, runningOn);
        }
        return copies.stream()
                .max(Comparator.comparing((ProcessCopy c) -> c.updatedAt() == null ? Instant.MIN : c.updatedAt())
                        .thenComparing(ProcessCopy::node, Comparator.reverseOrder()))
                .map(c -> new DisplayedProcess(c.state(), c.expectedExit(), runningOn))
                .orElse(new DisplayedProcess(ProcessState.STOPPED, false, runningOn));
    }
}
