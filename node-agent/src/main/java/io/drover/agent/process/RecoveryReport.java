package io.drover.agent.process;

import java.util.List;

/**
 * What {@link LocalSupervisor#recover()} found in the state directory.
 *
 * @param adopted  processes still running, now supervised again (RUNNING, adopted)
 * @param gone     processes that exited while no agent watched them (EXITED, exit status unknown)
 * @param problems state files that could not be used, in words
 */
public record RecoveryReport(List<ProcessSnapshot> adopted, List<ProcessSnapshot> gone, List<String> problems) {

    public RecoveryReport {
        adopted = List.copyOf(adopted);
        gone = List.copyOf(gone);
        problems = List.copyOf(problems);
    }
}
