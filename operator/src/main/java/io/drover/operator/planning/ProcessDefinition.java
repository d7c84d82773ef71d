package io.drover.operator.planning;

import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecHash;
import io.drover.api.rules.ResolvedProgram;
import io.drover.api.supervisor.program.SupervisorDefaults;
import java.util.List;
import java.util.Objects;

/**
 * One process of an application as the planner needs it: its resolved rules, the program it comes from (with
 * Supervisor's defaults applied where it says nothing) and the hash of that program's definition.
 *
 * @param rules     the effective Supvisors rules of the process
 * @param program   the program as written in the application
 * @param specHash  {@link ProgramSpecHash} of the program
 * @param startSecs effective startsecs
 * @param startRetries effective startretries
 * @param stopWaitSecs effective stopwaitsecs
 * @param autostart effective autostart (what an unmanaged application runs everywhere)
 */
public record ProcessDefinition(ResolvedProgram rules, ProgramSpec program, String specHash, int startSecs,
                                int startRetries, int stopWaitSecs, boolean autostart) {

    public ProcessDefinition {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(specHash, "specHash");
    }

    public static ProcessDefinition of(ResolvedProgram rules, ProgramSpec program) {
        ProgramSpec effective = SupervisorDefaults.effective(program);
        return new ProcessDefinition(rules, program, ProgramSpecHash.of(program), effective.startSecs(),
                effective.startRetries(), effective.stopWaitSecs(), effective.autostart());
    }

    public String name() {
        return rules.processName();
    }

    /** Node ids or labels whose configuration defines the program; empty means every node. */
    public List<String> definedOn() {
        return program.nodes() == null ? List.of() : program.nodes();
    }

    public int startSequence() {
        return rules.startSequence();
    }

    public int stopSequence() {
        return rules.stopSequence();
    }

    public int expectedLoading() {
        return rules.expectedLoading();
    }

    public boolean waitExit() {
        return rules.waitExit();
    }

    public boolean required() {
        return rules.required();
    }
}
