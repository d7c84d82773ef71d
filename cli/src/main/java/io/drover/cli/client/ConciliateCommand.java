package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Names;
import io.drover.cli.client.http.ApiClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover conciliate APP [--keep PROCESS@NODE]... [--strategy S]}: a user's decision about the duplicates of an
 * application left for them (conciliation strategy USER), as Supvisors' dashboard "keep" per copy and its
 * {@code conciliate}. The Conflict condition of {@code drover describe application APP} lists the copies.
 */
@Command(name = "conciliate", mixinStandardHelpOptions = true,
        description = {"Resolves processes of an application found running on several nodes, when its conciliation"
                + " strategy leaves them to a user (USER): keeps the copy on the node named for each --keep, and applies"
                + " --strategy to the other duplicated processes. It concerns the copies running now, not later ones;"
                + " 'drover describe application APP' lists them (Conflict condition)."},
        footer = {"", "Example: drover conciliate scen2_srv_01 --keep scen2_internal_data_bus@server_2 --strategy SENICIDE"})
public final class ConciliateCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "APP", description = "The application.")
    String application;

    @Option(names = "--keep", paramLabel = "PROCESS@NODE",
            description = "Keep the copy of PROCESS running on NODE and stop the others (repeatable).")
    List<String> keep = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "For the duplicated processes not named by --keep: ${COMPLETION-CANDIDATES} (USER decides"
                    + " nothing).")
    ConciliationStrategy strategy;

    @Override
    protected int execute() throws Exception {
        Names.problem("application", application).ifPresent(p -> {
            throw new ClientException(ExitCode.USAGE, p);
        });
        for (String entry : keep) {
            int at = entry.lastIndexOf('@');
            if (at <= 0 || at == entry.length() - 1) {
                throw new ClientException(ExitCode.USAGE, "--keep " + entry + ": write PROCESS@NODE, e.g. --keep"
                        + " scen2_internal_data_bus@server_2");
            }
        }
        if (keep.isEmpty() && (strategy == null || strategy == ConciliationStrategy.USER)) {
            throw new ClientException(ExitCode.USAGE, "name a copy to keep (--keep PROCESS@NODE) or a strategy other than"
                    + " USER (--strategy SENICIDE, INFANTICIDE, STOP, RESTART or RUNNING_FAILURE)");
        }
        List<String> query = new ArrayList<>();
        keep.forEach(k -> query.add("keep=" + ApiClient.segment(k)));
        if (strategy != null) {
            query.add("strategy=" + strategy.name());
        }
        JsonNode answer = client().send("POST", "/api/v1/applications/" + ApiClient.segment(application) + "/conciliate?"
                + String.join("&", query), null, null);
        out().println("application/" + application + " conciliation requested (request "
                + answer.path("requestId").asText("?") + ")");
        out().flush();
        return ExitCode.OK;
    }
}
