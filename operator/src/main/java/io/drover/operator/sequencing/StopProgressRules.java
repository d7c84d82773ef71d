package io.drover.operator.sequencing;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import java.time.Instant;

/**
 * Classifies one copy for a stop sequence (Supvisors' {@code ProcessStopCommand}: any STOPPED_STATES is success;
 * a copy that does not stop in time is passed over, as Supvisors forces a STOPPED display and moves on).
 */
public final class StopProgressRules {

    private StopProgressRules() {
    }

    public static StopProgress classify(StopFacts facts, Instant now) {
        if (!facts.nodeAlive()) {
            return StopProgress.DOWN;
        }
        boolean up = facts.state() != null && (facts.state().isRunning() || facts.state() == ProcessState.STOPPING);
        if (facts.desired() != DesiredState.STOPPED) {
            boolean pendingStart = facts.desired() == DesiredState.RUNNING && !facts.acknowledged();
            return up || pendingStart ? StopProgress.UP : StopProgress.DOWN;
        }
        if (!up) {
            // stopped, or never seen running: nothing to wait for (a node that has not seen the STOPPED assignment
            // yet will not start what it says)
            return StopProgress.DOWN;
        }
        return facts.deadline() == null || now.isAfter(facts.deadline()) ? StopProgress.EXPIRED : StopProgress.GOING_DOWN;
    }
}
