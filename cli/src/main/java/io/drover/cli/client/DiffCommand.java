package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.input.LoadedInputs;
import io.drover.api.json.Json;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.cli.client.http.ApiClient;
import io.drover.api.diff.LineDiff;
import io.drover.cli.offline.InputOptions;
import io.drover.cli.output.Printers;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code drover diff -f}: what {@code apply} would change, as a dry run on the operator tells it, with a unified diff
 * of each changed application and rule set against what the operator holds.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Shows what 'drover apply' would change: each resource created, changed or unchanged, and a"
                + " unified diff (--- on the operator, +++ in the files) of what changes. Changes nothing.",
                "Exit 0 whether or not there are differences, 1 on invalid input or error."})
public final class DiffCommand extends ClientCommand {

    @Mixin
    InputOptions input;

    @Override
    protected int execute() {
        LoadedInputs inputs = input.load();
        List<Resource> resources = Manifests.of(inputs);
        if (resources.isEmpty()) {
            throw ClientException.error("the files define no application, application set or rule set");
        }
        Map<String, Resource> local = new HashMap<>();
        inputs.ruleSets().forEach(r -> local.put(RuleSet.KIND + "/" + r.value().name(), r.value()));
        inputs.expandedApplications().stream().map(Sourced::value)
                .forEach(a -> local.put(Application.KIND + "/" + a.name(), a));
        JsonNode result = client().send("PUT", "/api/v1/apply?dryRun=true", "application/yaml",
                Manifests.yaml(resources));
        PrintWriter out = out();
        for (JsonNode resource : result.path("resources")) {
            String kind = resource.path("kind").asText();
            String name = resource.path("name").asText();
            String action = resource.path("action").asText();
            String label = kind.toLowerCase(Locale.ROOT) + "/" + name;
            if ("unchanged".equals(action)) {
                out.println(label + " unchanged");
                continue;
            }
            Resource mine = local.get(kind + "/" + name);
            String path = Application.KIND.equals(kind) ? "/api/v1/applications/"
                    : RuleSet.KIND.equals(kind) ? "/api/v1/rulesets/" : null;
            if (mine == null || path == null) {
                out.println(label + " " + action + " (the operator does not show this kind; its applications are"
                        + " compared one by one)");
                continue;
            }
            List<String> theirs = "created".equals(action) ? List.of()
                    : lines(stripped(client().get(path + ApiClient.segment(name))));
            List<String> ours = lines(stripped(Json.mapper().valueToTree(mine)));
            out.println(label + " " + action);
            out.println("--- " + label + " (operator)");
            out.println("+++ " + label + " (files)");
            for (String line : LineDiff.unified(theirs, ours)) {
                out.println(colour(line));
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private String colour(String line) {
        if (!style().colours() || line.isEmpty()) {
            return line;
        }
        return switch (line.charAt(0)) {
            case '+' -> style().added(line);
            case '-' -> style().error(line);
            default -> line;
        };
    }

    /** Without what the server adds or keeps aside: resourceVersion, and the version annotation. */
    private static JsonNode stripped(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove("drover.io/resource-version");
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        return copy;
    }

    private static List<String> lines(JsonNode resource) {
        return Printers.yaml(resource).lines().filter(line -> !line.equals("---")).toList();
    }
}
