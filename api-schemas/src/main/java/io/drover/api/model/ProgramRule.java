package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.stream.Stream;

/**
 * Supvisors rules for the programs an application rule or a model covers: the content of a {@code <program>} or a
 * {@code <model>} element. A program rule matches by exact {@code name} or by {@code pattern} (a regular expression
 * searched in the process name; the empty pattern matches everything with the lowest priority); a model has a
 * {@code name} only. Absent values are inherited (reference chain, then application, then Supvisors' default).
 */
public record ProgramRule(
        String name,
        String pattern,
        String reference,
        List<String> identifiers,
        Integer startSequence,
        Integer stopSequence,
        Boolean required,
        Boolean waitExit,
        Integer expectedLoading,
        StartingFailureStrategy startingFailureStrategy,
        RunningFailureStrategy runningFailureStrategy) {

    public ProgramRule {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
    }

    /** Whether any rule value (not the name, pattern or reference) is written. */
    @JsonIgnore
    public boolean hasAnyValue() {
        return reference != null || Stream.of(identifiers, startSequence, stopSequence, required, waitExit, expectedLoading,
                startingFailureStrategy, runningFailureStrategy).anyMatch(v -> v != null);
    }
}
