package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.drover.api.text.PercentFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One program of an application: its Supervisor definition (what to run and how to supervise it) and its Supvisors
 * rules (when and where to run it). Every field but {@code name} and {@code command} is optional; an absent value
 * takes Supervisor's or Supvisors' default, or the value given by a matching {@link RuleSet}.
 *
 * <p>{@code nodes} lists the nodes (ids or labels) whose configuration defines the program; absent means every
 * node. Supvisors only places a process where its Supervisor knows it, and imported Supervisor configurations keep
 * that meaning through this field.
 */
public record ProgramSpec(
        String name,
        // Supervisor definition
        String command,
        String directory,
        Map<String, String> environment,
        String user,
        String umask,
        Integer numprocs,
        Integer numprocsStart,
        String processName,
        Boolean autostart,
        AutoRestart autoRestart,
        Integer startSecs,
        Integer startRetries,
        List<Integer> exitCodes,
        StopSignal stopSignal,
        Integer stopWaitSecs,
        Boolean stopAsGroup,
        Boolean killAsGroup,
        Boolean redirectStderr,
        LogSpec stdout,
        LogSpec stderr,
        Integer priority,
        List<String> nodes,
        // Supvisors rules
        String reference,
        List<String> identifiers,
        Integer startSequence,
        Integer stopSequence,
        Boolean required,
        Boolean waitExit,
        Integer expectedLoading,
        StartingFailureStrategy startingFailureStrategy,
        RunningFailureStrategy runningFailureStrategy) {

    public ProgramSpec {
        environment = environment == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        exitCodes = exitCodes == null ? null : List.copyOf(exitCodes);
        nodes = nodes == null ? null : List.copyOf(nodes);
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
    }

    /** A program with only a name and a command; everything else takes its default. */
    public static ProgramSpec of(String name, String command) {
        return builder(name).command(command).build();
    }

    public static ProgramSpecBuilder builder(String name) {
        return new ProgramSpecBuilder(name);
    }

    public ProgramSpecBuilder toBuilder() {
        return new ProgramSpecBuilder(this);
    }

    public static final String DEFAULT_PROCESS_NAME = "%(program_name)s";

    /**
     * The processes of this program inside {@code applicationName}, named by expanding {@code processName} (default
     * {@code %(program_name)s}) with {@code program_name}, {@code group_name}, {@code process_num} and
     * {@code numprocs}, as Supervisor names them.
     *
     * @throws IllegalArgumentException when the name template cannot be expanded or gives an invalid name
     */
    public List<ProcessInstance> processes(String applicationName) {
        int count = numprocs == null ? 1 : numprocs;
        int start = numprocsStart == null ? 0 : numprocsStart;
        String template = processName == null ? DEFAULT_PROCESS_NAME : processName;
        if (count > 1 && !template.contains("%(process_num)")) {
            throw new IllegalArgumentException("program " + name + " has numprocs " + count
                    + " but its processName '" + template + "' does not contain %(process_num); each process needs its own name");
        }
        List<ProcessInstance> processes = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int processNum = start + index;
            Map<String, Object> names = Map.of("program_name", name, "group_name", applicationName,
                    "process_num", processNum, "numprocs", count);
            String processNameValue = PercentFormat.expand(template,
                    key -> Optional.ofNullable(names.get(key)));
            Names.require("process", processNameValue);
            processes.add(new ProcessInstance(processNameValue, name, index, processNum));
        }
        return processes;
    }

    /** The Supvisors rule part of this program, as a rule that matches it by name. */
    @JsonIgnore
    public ProgramRule rule() {
        return new ProgramRule(name, null, reference, identifiers, startSequence, stopSequence, required, waitExit,
                expectedLoading, startingFailureStrategy, runningFailureStrategy);
    }

    /** Whether any Supvisors rule field is written on this program. */
    @JsonIgnore
    public boolean hasRules() {
        return rule().hasAnyValue();
    }
}
