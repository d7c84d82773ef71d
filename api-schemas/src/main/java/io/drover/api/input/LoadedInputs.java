package io.drover.api.input;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.manifest.ApplicationSets;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a set of input files declares, checked as a whole.
 *
 * @param applications    applications as written: declared in manifests, then imported from Supervisor files
 * @param applicationSets application sets as written (not expanded)
 * @param ruleSets        rule sets from manifests and Supvisors rules files, in reading order
 * @param warnings        what was accepted but deserves a look
 * @param files           every file read, including those that Supervisor [include] sections pulled in
 */
public record LoadedInputs(List<Sourced<Application>> applications, List<Sourced<ApplicationSet>> applicationSets,
                           List<Sourced<RuleSet>> ruleSets, List<Diagnostic> warnings, List<Path> files) {

    public LoadedInputs {
        applications = List.copyOf(applications);
        applicationSets = List.copyOf(applicationSets);
        ruleSets = List.copyOf(ruleSets);
        warnings = List.copyOf(warnings);
        files = List.copyOf(files);
    }

    /** The applications that will exist: those written plus those each application set makes. */
    public List<Sourced<Application>> expandedApplications() {
        List<Sourced<Application>> all = new ArrayList<>(applications);
        for (Sourced<ApplicationSet> set : applicationSets) {
            for (Application application : ApplicationSets.expand(set.value())) {
                // the set's source map still locates the template's fields for diagnostics
                all.add(new Sourced<>(application, set.sourceMap()));
            }
        }
        return all;
    }

    /** The application named {@code name}, after expansion of the sets. */
    public Optional<Sourced<Application>> application(String name) {
        return expandedApplications().stream().filter(a -> a.value().name().equals(name)).findFirst();
    }
}
