package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.model.Names;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover delete application|ruleset NAME...}: removes resources; the operator stops what they ran. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes applications (the operator stops their processes) or rule sets.",
                "Exit 0 when every one was deleted, 3 when one does not exist (unless --ignore-not-found), 4 when"
                        + " --resource-version is no longer current."})
public final class DeleteCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "applications or rulesets (also: app, rs).")
    String kind;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "What to delete.")
    List<String> names = new ArrayList<>();

    @Option(names = "--ignore-not-found", description = "A name that does not exist is not an error.")
    boolean ignoreNotFound;

    @Option(names = "--resource-version", paramLabel = "N",
            description = "Delete only if the resource is still at this resourceVersion (one NAME only).")
    Long resourceVersion;

    @Override
    protected int execute() {
        ResourceKind parsed = ResourceKind.parse(kind);
        String path = switch (parsed) {
            case APPLICATIONS -> "/api/v1/applications/";
            case RULESETS -> "/api/v1/rulesets/";
            default -> throw new ClientException(ExitCode.USAGE, "only applications and rulesets can be deleted,"
                    + " not " + parsed.plural());
        };
        if (resourceVersion != null && names.size() != 1) {
            throw new ClientException(ExitCode.USAGE, "--resource-version needs exactly one NAME");
        }
        for (String name : names) {
            Names.problem(parsed == ResourceKind.APPLICATIONS ? "application" : "rule set", name).ifPresent(p -> {
                throw new ClientException(ExitCode.USAGE, p);
            });
        }
        String singular = parsed == ResourceKind.APPLICATIONS ? "application" : "ruleset";
        int exit = ExitCode.OK;
        for (String name : names) {
            try {
                JsonNode deleted = client().send("DELETE", path + ApiClient.segment(name)
                        + (resourceVersion == null ? "" : "?resourceVersion=" + resourceVersion), null, null);
                out().println(singular + "/" + deleted.path("name").asText(name) + " deleted");
            } catch (ClientException e) {
                if (e.exitCode() == ExitCode.NOT_FOUND && ignoreNotFound) {
                    continue;
                }
                if (names.size() == 1) {
                    throw e;
                }
                // with several names, go on with the others and exit with the first failure's code
                err().println(style().error("drover: ") + e.getMessage());
                exit = exit == ExitCode.OK ? e.exitCode() : exit;
            }
        }
        out().flush();
        err().flush();
        return exit;
    }
}
