package io.drover.operator.sequencing;

import io.drover.api.model.StartingFailureStrategy;

/**
 * One process in the start sequence of its application.
 *
 * @param process        process name
 * @param stage          its start_sequence (&gt; 0)
 * @param required       a failure is a major failure and triggers {@code onFailure}
 * @param onFailure      its starting_failure_strategy
 * @param check          where it stands
 * @param requestedInRun the current run has written its RUNNING assignment
 */
public record StageMember(String process, int stage, boolean required, StartingFailureStrategy onFailure,
                          StartCheck check, boolean requestedInRun) {

    public StageMember withCheck(StartCheck newCheck) {
        return new StageMember(process, stage, required, onFailure, newCheck, requestedInRun || newCheck.progress() == StartProgress.IN_PROGRESS);
    }

    public StartProgress progress() {
        return check.progress();
    }
}
