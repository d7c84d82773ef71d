package io.drover.operator.planning;

import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.ResolvedProgram;
import io.drover.api.rules.RuleResolver;
import io.drover.api.rules.formula.StatusFormula;
import io.drover.api.source.Sourced;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application as the planner sees it: its effective rules and its processes (numprocs expanded), in program
 * declaration order.
 *
 * @param resourceVersion the application key's mod_revision, reported as the status' observedGeneration
 */
public final class ApplicationDefinition {

    private final String name;
    private final long resourceVersion;
    private final ResolvedApplication rules;
    private final List<ProcessDefinition> processes;
    private final Map<String, ProcessDefinition> byName;
    private final Optional<StatusFormula> formula;

    public ApplicationDefinition(String name, long resourceVersion, ResolvedApplication rules, List<ProcessDefinition> processes) {
        this.name = Objects.requireNonNull(name, "name");
        this.resourceVersion = resourceVersion;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.processes = List.copyOf(processes);
        this.byName = new LinkedHashMap<>();
        this.processes.forEach(p -> byName.put(p.name(), p));
        this.formula = rules.statusFormula();
    }

    /** Resolves {@code application} with {@code resolver} (rule sets plus the rules the manifest writes itself). */
    public static ApplicationDefinition resolve(Sourced<Application> application, long resourceVersion, RuleResolver resolver) {
        String name = application.value().metadata().name();
        ApplicationSpec spec = application.value().spec();
        Map<String, ProgramSpec> programs = new HashMap<>();
        if (spec != null) {
            spec.programsOrEmpty().forEach(p -> programs.put(p.name(), p));
        }
        List<ResolvedProgram> resolved = resolver.programs(application);
        List<ProcessDefinition> processes = resolved.stream()
                .map(r -> ProcessDefinition.of(r, programs.get(r.programName()))).toList();
        return new ApplicationDefinition(name, resourceVersion, resolver.application(name, application), processes);
    }

    /** Resolves an application built in code. */
    public static ApplicationDefinition of(String name, long resourceVersion, ApplicationSpec spec, RuleResolver resolver) {
        return resolve(Sourced.generated(Application.of(name, spec), name), resourceVersion, resolver);
    }

    public String name() {
        return name;
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public ResolvedApplication rules() {
        return rules;
    }

    public List<ProcessDefinition> processes() {
        return processes;
    }

    public Optional<ProcessDefinition> process(String processName) {
        return Optional.ofNullable(byName.get(processName));
    }

    public boolean managed() {
        return rules.managed();
    }

    /** The parsed operational_status formula, if any (parsed once). */
    public Optional<StatusFormula> formula() {
        return formula;
    }
}
