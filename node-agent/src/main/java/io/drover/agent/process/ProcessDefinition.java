package io.drover.agent.process;

import io.drover.api.model.ProcessInstance;
import io.drover.api.model.ProgramSpec;
import java.util.List;
import java.util.Objects;

/**
 * What the owner asks the agent to run: one process of a program of an application.
 *
 * @param program               the program as written (absent fields take Supervisor's defaults when used)
 * @param specHash              the owner's hash of the program definition, reported back so the owner can tell
 *                              which definition a process runs
 * @param autoRestartSuppressed true keeps the agent from restarting the process after it exits, whatever its
 *                              {@code autorestart}: the owner (a failure strategy of the operator) decides instead
 */
public record ProcessDefinition(String application, ProcessInstance instance, ProgramSpec program, String specHash,
                                boolean autoRestartSuppressed) {

    public ProcessDefinition {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(specHash, "specHash");
        if (program.command() == null || program.command().isBlank()) {
            throw new IllegalArgumentException("program " + program.name() + " has no command");
        }
    }

    /** The definitions of every process of {@code program} ({@code numprocs} of them). */
    public static List<ProcessDefinition> of(String application, ProgramSpec program, String specHash) {
        return program.processes(application).stream()
                .map(instance -> new ProcessDefinition(application, instance, program, specHash, false))
                .toList();
    }

    /** The definition of the single process of a program without {@code numprocs}. */
    public static ProcessDefinition single(String application, ProgramSpec program, String specHash) {
        List<ProcessDefinition> all = of(application, program, specHash);
        if (all.size() != 1) {
            throw new IllegalArgumentException("program " + program.name() + " has " + all.size() + " processes; pick one");
        }
        return all.get(0);
    }

    public ProcessKey key() {
        return new ProcessKey(application, instance.processName());
    }

    public ProcessDefinition withAutoRestartSuppressed(boolean suppressed) {
        return new ProcessDefinition(application, instance, program, specHash, suppressed);
    }
}
