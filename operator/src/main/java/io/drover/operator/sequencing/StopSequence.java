package io.drover.operator.sequencing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a stop sequence (Supvisors' {@code Stopper}): stages in descending stop_sequence; every copy of the
 * current stage is told to stop at once; the next (lower) stage waits until the current one is down or past its
 * deadline.
 */
public final class StopSequence {

    private StopSequence() {
    }

    public static StopOutcome advance(List<StopMember> members) {
        List<StopMember> expired = members.stream().filter(m -> m.progress() == StopProgress.EXPIRED).toList();
        Optional<Integer> stage = members.stream()
                .filter(m -> m.progress() == StopProgress.UP || m.progress() == StopProgress.GOING_DOWN)
                .map(StopMember::stage).max(Comparator.naturalOrder());
        if (stage.isEmpty()) {
            return new StopOutcome(true, 0, List.of(), List.of(), expired, Optional.empty());
        }
        int current = stage.get();
        List<StopMember> toStop = members.stream()
                .filter(m -> m.stage() == current && m.progress() == StopProgress.UP).toList();
        List<StopMember> goingDown = members.stream()
                .filter(m -> m.stage() == current && m.progress() == StopProgress.GOING_DOWN).toList();
        Optional<Instant> recheck = goingDown.stream().map(StopMember::deadline).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
        return new StopOutcome(false, current, toStop, goingDown, expired, recheck);
    }
}
