package io.drover.cli.client;

import io.drover.api.input.LoadedInputs;
import io.drover.api.model.Resource;
import io.drover.api.source.Sourced;
import io.drover.cli.output.Printers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The drover manifests equivalent to what {@code -f} read (as {@code drover convert} prints them): one body holding
 * every file, so that rules and the applications they govern, or a Supervisor file and the Supvisors rules naming
 * its programs, are checked and applied together.
 */
final class Manifests {

    private Manifests() {
    }

    /** Rule sets first, then application sets, then applications. */
    static List<Resource> of(LoadedInputs inputs) {
        List<Resource> resources = new ArrayList<>();
        inputs.ruleSets().stream().map(Sourced::value).forEach(resources::add);
        inputs.applicationSets().stream().map(Sourced::value).forEach(resources::add);
        inputs.applications().stream().map(Sourced::value).forEach(resources::add);
        return resources;
    }

    static byte[] yaml(List<Resource> resources) {
        return Printers.yamlDocuments(resources).getBytes(StandardCharsets.UTF_8);
    }
}
