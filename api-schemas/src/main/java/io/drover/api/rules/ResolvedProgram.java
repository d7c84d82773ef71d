package io.drover.api.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import java.util.List;

/**
 * The effective rules of one process, named as Supvisors names them ({@code get_process_rules}).
 *
 * <p>{@code processName} is the Supervisor process name ({@code prg_01} in a numprocs family), {@code programName}
 * the program it comes from and {@code processIndex} its 0-based place in the family (the order in which
 * {@code #}/{@code @} assign nodes). {@code modelChain} lists the models applied, nearest first.
 *
 * <p>A program-level {@code #} or {@code @} is not resolved here: as Supvisors stores it, {@code identifiers} is then
 * empty and {@code hashIdentifiers}/{@code atIdentifiers} hold the list to spread the family over, to be resolved when
 * the application starts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedProgram(
        String applicationName,
        String processName,
        String programName,
        int processIndex,
        RuleMatch matchedRule,
        boolean inlineRules,
        List<String> modelChain,
        List<String> identifiers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hashIdentifiers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> atIdentifiers,
        int startSequence,
        int stopSequence,
        boolean required,
        boolean waitExit,
        int expectedLoading,
        StartingFailureStrategy startingFailureStrategy,
        RunningFailureStrategy runningFailureStrategy,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public ResolvedProgram {
        modelChain = modelChain == null ? List.of() : List.copyOf(modelChain);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        hashIdentifiers = hashIdentifiers == null ? List.of() : List.copyOf(hashIdentifiers);
        atIdentifiers = atIdentifiers == null ? List.of() : List.copyOf(atIdentifiers);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** {@code application:process}, as Supervisor and Supvisors name a process. */
    @JsonIgnore
    public String namespec() {
        return applicationName + ":" + processName;
    }
}
