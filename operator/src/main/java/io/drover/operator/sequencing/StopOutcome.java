package io.drover.operator.sequencing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a stop sequence stands after one step.
 *
 * @param done      nothing left up or going down (expired copies are passed over)
 * @param stage     the stop_sequence stage being stopped
 * @param toStop    copies to tell to stop now
 * @param waitingOn copies of that stage still going down
 * @param expired   copies passed over because they did not stop in time
 * @param recheckAt the earliest deadline of what is waited on
 */
public record StopOutcome(boolean done, int stage, List<StopMember> toStop, List<StopMember> waitingOn,
                          List<StopMember> expired, Optional<Instant> recheckAt) {

    public StopOutcome {
        toStop = List.copyOf(toStop);
        waitingOn = List.copyOf(waitingOn);
        expired = List.copyOf(expired);
    }
}
