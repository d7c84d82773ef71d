package io.drover.api.model;

import java.util.List;

/**
 * The content of a Supvisors rules file: aliases, models and application rules, each list in declaration order
 * (order decides alias expansion and ties between patterns).
 */
public record RuleSetSpec(List<Alias> aliases, List<ProgramRule> models, List<ApplicationRule> applications) {

    public RuleSetSpec {
        aliases = aliases == null ? null : List.copyOf(aliases);
        models = models == null ? null : List.copyOf(models);
        applications = applications == null ? null : List.copyOf(applications);
    }

    public List<Alias> aliasesOrEmpty() {
        return aliases == null ? List.of() : aliases;
    }

    public List<ProgramRule> modelsOrEmpty() {
        return models == null ? List.of() : models;
    }

    public List<ApplicationRule> applicationsOrEmpty() {
        return applications == null ? List.of() : applications;
    }
}
