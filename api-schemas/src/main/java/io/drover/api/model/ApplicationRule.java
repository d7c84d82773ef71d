package io.drover.api.model;

import java.util.List;

/**
 * Supvisors rules for the applications whose name is {@code name} or matches {@code pattern}: the content of an
 * {@code <application>} element, plus drover's conciliation strategy and restart budget (see {@link ApplicationSpec}).
 * Absent values take Supvisors' defaults.
 */
public record ApplicationRule(
        String name,
        String pattern,
        Distribution distribution,
        List<String> identifiers,
        Integer startSequence,
        Integer stopSequence,
        StartingStrategy startingStrategy,
        StartingFailureStrategy startingFailureStrategy,
        RunningFailureStrategy runningFailureStrategy,
        String operationalStatus,
        ConciliationStrategy conciliationStrategy,
        Integer maxRestarts,
        Integer restartWindowSecs,
        List<ProgramRule> programs) {

    public ApplicationRule {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
        programs = programs == null ? null : List.copyOf(programs);
    }

    /** What a Supvisors rules file can say (no conciliation strategy, no restart budget). */
    public ApplicationRule(String name, String pattern, Distribution distribution, List<String> identifiers,
                           Integer startSequence, Integer stopSequence, StartingStrategy startingStrategy,
                           StartingFailureStrategy startingFailureStrategy, RunningFailureStrategy runningFailureStrategy,
                           String operationalStatus, List<ProgramRule> programs) {
        this(name, pattern, distribution, identifiers, startSequence, stopSequence, startingStrategy,
                startingFailureStrategy, runningFailureStrategy, operationalStatus, null, null, null, programs);
    }

    public List<ProgramRule> programsOrEmpty() {
        return programs == null ? List.of() : programs;
    }
}
