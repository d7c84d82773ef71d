package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an application is: its programs, and the Supvisors application rules written on it. Absent rule values come
 * from a matching {@link RuleSet} or take Supvisors' defaults.
 *
 * <p>Beyond Supvisors: {@code conciliationStrategy} resolves this application's duplicates (Supvisors has one
 * strategy for everything; absent, the operator's default applies), and {@code maxRestarts} automatic restarts within
 * {@code restartWindowSecs} bound its running failure strategy, after which it is left stopped in failure.
 */
public record ApplicationSpec(
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
        List<ProgramSpec> programs) {

    public ApplicationSpec {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
        programs = programs == null ? null : List.copyOf(programs);
    }

    /** The Supvisors application rules alone (no conciliation strategy, the default restart budget). */
    public ApplicationSpec(Distribution distribution, List<String> identifiers, Integer startSequence, Integer stopSequence,
                           StartingStrategy startingStrategy, StartingFailureStrategy startingFailureStrategy,
                           RunningFailureStrategy runningFailureStrategy, String operationalStatus, List<ProgramSpec> programs) {
        this(distribution, identifiers, startSequence, stopSequence, startingStrategy, startingFailureStrategy,
                runningFailureStrategy, operationalStatus, null, null, null, programs);
    }

    public static ApplicationSpec ofPrograms(List<ProgramSpec> programs) {
        return new ApplicationSpec(null, null, null, null, null, null, null, null, programs);
    }

    public List<ProgramSpec> programsOrEmpty() {
        return programs == null ? List.of() : programs;
    }

    /** The application rule part of this spec, as a rule matching {@code name} exactly. */
    public ApplicationRule rule(String name) {
        return new ApplicationRule(name, null, distribution, identifiers, startSequence, stopSequence, startingStrategy,
                startingFailureStrategy, runningFailureStrategy, operationalStatus, conciliationStrategy, maxRestarts,
                restartWindowSecs, programsOrEmpty().stream().filter(ProgramSpec::hasRules).map(ProgramSpec::rule).toList());
    }

    /** Whether the spec itself writes any application or program rule. */
    @JsonIgnore
    public boolean hasRules() {
        return Stream.of(distribution, identifiers, startSequence, stopSequence, startingStrategy, startingFailureStrategy,
                runningFailureStrategy, operationalStatus, conciliationStrategy, maxRestarts, restartWindowSecs)
                .anyMatch(v -> v != null)
                || programsOrEmpty().stream().anyMatch(ProgramSpec::hasRules);
    }

    public ApplicationSpec withPrograms(List<ProgramSpec> newPrograms) {
        return new ApplicationSpec(distribution, identifiers, startSequence, stopSequence, startingStrategy,
                startingFailureStrategy, runningFailureStrategy, operationalStatus, conciliationStrategy, maxRestarts,
                restartWindowSecs, newPrograms);
    }
}
