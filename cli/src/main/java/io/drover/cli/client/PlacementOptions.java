package io.drover.cli.client;

import io.drover.api.model.Names;
import io.drover.api.model.StartingStrategy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a start or restart places processes: Supvisors' starting strategy, or one node (LOCAL). */
public final class PlacementOptions {

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "Starting strategy instead of the rules' one: CONFIG, LESS_LOADED, MOST_LOADED, LOCAL,"
                    + " LESS_LOADED_NODE or MOST_LOADED_NODE.")
    String strategy;

    @Option(names = "--node", paramLabel = "NODE", description = "Start on this node (the LOCAL strategy).")
    String node;

    /** The query parameters of the command; bad values are usage errors, found before anything is sent. */
    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        if (strategy != null) {
            String upper = strategy.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(StartingStrategy.values()).noneMatch(s -> s.name().equals(upper))) {
                throw new ClientException(ExitCode.USAGE, "unknown starting strategy '" + strategy + "'; use one of "
                        + Arrays.toString(StartingStrategy.values()));
            }
            query.put("strategy", upper);
        }
        if (node != null) {
            Names.problem("node", node).ifPresent(p -> {
                throw new ClientException(ExitCode.USAGE, p);
            });
            query.put("node", node);
        }
        return query;
    }
}
