package io.drover.api.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.rules.formula.StatusFormula;
import java.util.List;
import java.util.Optional;

/**
 * The effective rules of one application, named as Supvisors names them ({@code get_application_rules}).
 *
 * <p>{@code identifiers} are as written after alias expansion and sign handling (node ids, labels or {@code *});
 * {@link NodeFilter} turns them into nodes at use time. They only matter when {@code distribution} is not
 * ALL_INSTANCES. {@code hashIdentifiers} is set only while an application-level {@code #} could not be resolved;
 * {@code atIdentifiers} only when {@code @} was written at application level, which Supvisors does not support
 * (the application then has no identifier and cannot be placed). {@code conciliationStrategy} is null when the rules
 * leave it to the operator's default. {@code notes} say why a value differs from what was
 * written (forced, reset, ignored).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedApplication(
        String applicationName,
        boolean managed,
        RuleMatch matchedRule,
        boolean inlineRules,
        Distribution distribution,
        List<String> identifiers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hashIdentifiers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> atIdentifiers,
        int startSequence,
        int stopSequence,
        StartingStrategy startingStrategy,
        StartingFailureStrategy startingFailureStrategy,
        RunningFailureStrategy runningFailureStrategy,
        String operationalStatus,
        ConciliationStrategy conciliationStrategy,
        int maxRestarts,
        int restartWindowSecs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    /** Automatic restarts allowed within {@link #DEFAULT_RESTART_WINDOW_SECS} when the rules say nothing. */
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final int DEFAULT_RESTART_WINDOW_SECS = 600;

    public ResolvedApplication {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        hashIdentifiers = hashIdentifiers == null ? List.of() : List.copyOf(hashIdentifiers);
        atIdentifiers = atIdentifiers == null ? List.of() : List.copyOf(atIdentifiers);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Whether the application takes part in the automatic start (start_sequence > 0). */
    @JsonIgnore
    public boolean autoStarted() {
        return startSequence > 0;
    }

    /**
     * The parsed {@code operational_status}, when there is one and it parses (a formula that does not parse is
     * ignored, as Supvisors ignores it, and noted). Parses on each call: keep the result.
     */
    @JsonIgnore
    public Optional<StatusFormula> statusFormula() {
        if (operationalStatus == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StatusFormula.parse(operationalStatus));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
