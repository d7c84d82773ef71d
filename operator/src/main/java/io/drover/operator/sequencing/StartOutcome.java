package io.drover.operator.sequencing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a start sequence stands after one step.
 *
 * @param kind      WAITING on a stage, COMPLETED, ABORTED (ABORT strategy) or STOP_REQUESTED (STOP strategy)
 * @param stage     the stage waited on, or the stage whose required failure decided; 0 when nothing is sequenced
 * @param waitingOn the processes of that stage still in progress
 * @param failures  processes that failed in the stages seen, with why
 * @param decisive  the required failures that made the strategy act (ABORTED, STOP_REQUESTED)
 * @param recheckAt the earliest deadline of what is waited on
 */
public record StartOutcome(Kind kind, int stage, List<StageMember> waitingOn, List<StageMember> failures,
                           List<StageMember> decisive, Optional<Instant> recheckAt) {

    public enum Kind {
        WAITING, COMPLETED, ABORTED, STOP_REQUESTED
    }

    public StartOutcome {
        waitingOn = List.copyOf(waitingOn);
        failures = List.copyOf(failures);
        decisive = List.copyOf(decisive);
    }

    /** Whether the sequence is over (whatever the result): running failures may be acted on from now. */
    public boolean settled() {
        return kind != Kind.WAITING;
    }
}
