package io.drover.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ConditionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusComposerTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:05:00Z");
    private static final ApplicationHealth RUNNING = new ApplicationHealth(ApplicationState.RUNNING, false, false, List.of(), List.of(), null);

    @Test
    void transitionTimeMovesOnlyWhenTheConditionStatusChanges() {
        ApplicationStatus first = StatusComposer.compose(RUNNING, Map.of(), List.of(
                new ConditionDraft("Sequence", ConditionStatus.FALSE, "Starting", "stage 1")), 3, null, T1, List.of());
        ApplicationStatus sameStatus = StatusComposer.compose(RUNNING, Map.of(), List.of(
                new ConditionDraft("Sequence", ConditionStatus.FALSE, "Starting", "stage 2")), 3, first, T2, List.of());
        assertEquals(T1, sameStatus.conditions().get(0).lastTransition());
        ApplicationStatus flipped = StatusComposer.compose(RUNNING, Map.of(), List.of(
                new ConditionDraft("Sequence", ConditionStatus.TRUE, "Started", "done")), 3, sameStatus, T2, List.of());
        assertEquals(T2, flipped.conditions().get(0).lastTransition());
        ApplicationStatus unchanged = StatusComposer.compose(RUNNING, Map.of(), List.of(
                new ConditionDraft("Sequence", ConditionStatus.TRUE, "Started", "done")), 3, flipped, T2.plusSeconds(60), List.of());
        assertEquals(flipped, unchanged, "an unchanged situation gives an equal status: nothing to write");
    }
}
