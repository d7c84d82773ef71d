package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.input.LoadedInputs;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.cli.client.watch.Progress;
import io.drover.cli.client.watch.StateWait;
import io.drover.cli.client.watch.Target;
import io.drover.cli.offline.InputOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drover apply -f}: reads and checks the files here exactly as {@code drover validate} does (nothing is sent
 * when one is invalid), then sends them to the operator as one request of drover manifests.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Creates or updates applications, application sets and rule sets from drover manifests,"
                + " Supvisors rules files and Supervisor configurations.",
                "The files are checked here first, all together; nothing is applied when one is invalid.",
                "Exit 0 when applied, 1 on invalid input or error, 4 on a conflict (a resourceVersion that is no longer"
                        + " current), 5 when --wait times out."})
public final class ApplyCommand extends ClientCommand {

    @Mixin
    InputOptions input;

    @Option(names = "--dry-run", description = "Only say what would be created or changed; change nothing.")
    boolean dryRun;

    @Mixin
    WaitOptions waiting;

    @Override
    protected int execute() throws Exception {
        if (dryRun && waiting.wait) {
            throw new ClientException(ExitCode.USAGE, "--wait waits for applied applications; a --dry-run applies"
                    + " nothing");
        }
        LoadedInputs inputs = input.load();
        for (Diagnostic warning : inputs.warnings()) {
            err().println(warning.format());
        }
        List<Resource> resources = Manifests.of(inputs);
        if (resources.isEmpty()) {
            throw ClientException.error("the files define no application, application set or rule set; nothing"
                    + " to apply");
        }
        JsonNode result = client().send("PUT", "/api/v1/apply" + (dryRun ? "?dryRun=true" : ""), "application/yaml",
                Manifests.yaml(resources));
        PrintWriter out = out();
        List<Target> targets = new ArrayList<>();
        for (JsonNode resource : result.path("resources")) {
            String kind = resource.path("kind").asText();
            String name = resource.path("name").asText();
            String action = resource.path("action").asText();
            out.println(kind.toLowerCase(java.util.Locale.ROOT) + "/" + name + " " + style().state(action)
                    + (dryRun ? " (dry run)" : ""));
            if (Application.KIND.equals(kind)) {
                targets.add(new Target(name, null, true, resource.path("resourceVersion").asLong(), null));
            }
        }
        for (JsonNode warning : result.path("warnings")) {
            err().println(warning.path("text").asText(warning.toString()));
        }
        out.flush();
        err().flush();
        if (waiting.wait && !targets.isEmpty()) {
            new StateWait(client(), new Progress(out, style().colours())).await(targets, waiting.timeout);
            out.println("every applied application is RUNNING");
            out.flush();
        }
        return ExitCode.OK;
    }
}
