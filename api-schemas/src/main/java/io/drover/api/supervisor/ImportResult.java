package io.drover.api.supervisor;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.model.Application;
import io.drover.api.source.Sourced;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an import produced: one application per Supervisor group, sorted by name, each with where its parts were
 * written; the warnings (options drover ignores, patterns that matched nothing...); and every file that was read.
 */
public record ImportResult(List<Sourced<Application>> applications, List<Diagnostic> warnings, List<Path> files) {

    public ImportResult {
        applications = List.copyOf(applications);
        warnings = List.copyOf(warnings);
        files = List.copyOf(files);
    }

    public Optional<Sourced<Application>> application(String name) {
        return applications.stream().filter(a -> a.value().metadata().name().equals(name)).findFirst();
    }

    public List<String> applicationNames() {
        return applications.stream().map(a -> a.value().metadata().name()).toList();
    }
}
