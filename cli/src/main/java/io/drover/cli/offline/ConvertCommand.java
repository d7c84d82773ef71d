package io.drover.cli.offline;

import io.drover.api.input.LoadedInputs;
import io.drover.api.model.Resource;
import io.drover.api.source.Sourced;
import io.drover.cli.output.Printers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover convert}: the drover manifests equivalent to the inputs (rule sets from Supvisors rules files,
 * applications from Supervisor groups), so that a Supervisor/Supvisors installation can move to manifests.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Prints the drover manifests equivalent to Supvisors rules files and Supervisor configurations"
                + " (and to manifests given too), ready for 'drover apply -f'."})
public final class ConvertCommand implements Callable<Integer> {

    /** The languages convert writes. */
    enum ManifestFormat { YAML, JSON }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (several documents) or json (one object per manifest); default: ${DEFAULT-VALUE}.")
    ManifestFormat output;

    @Override
    public Integer call() {
        LoadedInputs inputs = input.load();
        List<Resource> resources = new ArrayList<>();
        // rules first, so that applying the output in order never meets an application before its rules
        inputs.ruleSets().stream().map(Sourced::value).forEach(resources::add);
        inputs.applicationSets().stream().map(Sourced::value).forEach(resources::add);
        inputs.applications().stream().map(Sourced::value).forEach(resources::add);
        PrintWriter out = spec.commandLine().getOut();
        if (output == ManifestFormat.JSON) {
            // one object per manifest, one after the other: what 'drover apply -f x.json' reads back
            resources.forEach(resource -> out.print(Printers.json(resource)));
        } else {
            out.print(Printers.yamlDocuments(resources));
        }
        out.flush();
        return 0;
    }
}
