package io.drover.operator.status;

import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the status to write: a condition keeps its previous transition time while its status (TRUE, FALSE,
 * UNKNOWN) stays the same, as Kubernetes conditions do, so an unchanged situation gives an equal status and the
 * plan writes nothing.
 */
public final class StatusComposer {

    private StatusComposer() {
    }

    public static ApplicationStatus compose(ApplicationHealth health, Map<String, String> placement,
                                            List<ConditionDraft> drafts, long observedGeneration,
                                            ApplicationStatus previous, Instant now, List<Instant> recentRestarts) {
        List<Condition> conditions = drafts.stream().map(d -> settle(d, previous, now)).toList();
        return new ApplicationStatus(health.state(), health.majorFailure(), health.minorFailure(), placement, conditions,
                observedGeneration, recentRestarts);
    }

    private static Condition settle(ConditionDraft draft, ApplicationStatus previous, Instant now) {
        Optional<Condition> before = find(previous, draft.type());
        Instant transition = before.filter(c -> c.status() == draft.status()).map(Condition::lastTransition)
                .filter(Objects::nonNull).orElse(now);
        return new Condition(draft.type(), draft.status(), draft.reason(), draft.message(), transition);
    }

    public static Optional<Condition> find(ApplicationStatus status, String type) {
        if (status == null) {
            return Optional.empty();
        }
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** Whether a condition differs from the previous one in anything but its transition time. */
    public static boolean changed(Condition condition, ApplicationStatus previous) {
        return find(previous, condition.type())
                .map(c -> c.status() != condition.status() || !Objects.equals(c.reason(), condition.reason())
                        || !Objects.equals(c.message(), condition.message()))
                .orElse(true);
    }
}
