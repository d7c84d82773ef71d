package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.model.Application;
import io.drover.api.model.Names;
import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.ResolvedProgram;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Ages;
import io.drover.cli.client.output.Style;
import io.drover.cli.client.output.Table;
import io.drover.cli.client.resource.ApplicationsView;
import io.drover.cli.client.resource.Item;
import io.drover.cli.client.resource.ServerRules;
import io.drover.cli.output.KeyValueTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover describe application NAME}: everything about one application in one page: state and failures, the
 * conditions explaining them, its effective rules (resolved as {@code drover resolve} does, from the rule sets the
 * operator holds), where each process runs and why it was placed there, and the latest events.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Shows one application: state, failures and conditions, effective rules, where each process"
                + " runs and why, and its recent events.", "Exit 0 on success, 3 when there is no such application."})
public final class DescribeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "application (the only kind described so far).")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME", description = "The application.")
    String name;

    @Option(names = "--events", paramLabel = "N", defaultValue = "20",
            description = "How many of the latest events to show (default ${DEFAULT-VALUE}).")
    int events;

    @Override
    protected int execute() throws Exception {
        if (!Set.of("application", "applications", "app", "apps").contains(kind.toLowerCase(java.util.Locale.ROOT))) {
            throw new ClientException(ExitCode.USAGE, "only applications can be described, not '" + kind + "'");
        }
        Names.problem("application", name).ifPresent(p -> {
            throw new ClientException(ExitCode.USAGE, p);
        });
        if (events < 1 || events > 1000) {
            throw new ClientException(ExitCode.USAGE, "--events must be from 1 to 1000, not " + events);
        }
        ApiClient client = client();
        Item item = new ApplicationsView().list(client, name).get(0);
        JsonNode object = item.object();
        JsonNode status = object.path("status");
        List<JsonNode> processes = new ArrayList<>();
        client.get("/api/v1/processes?application=" + ApiClient.segment(name)).path("items").forEach(processes::add);
        List<JsonNode> recent = new ArrayList<>();
        client.get("/api/v1/events?application=" + ApiClient.segment(name) + "&limit=" + events).path("items")
                .forEach(recent::add);
        Instant now = Instant.now();
        Style style = style();
        PrintWriter out = out();

        out.println(style.bold("Name:") + "              " + name);
        out.println(style.bold("Resource version:") + "  " + object.path("metadata").path("resourceVersion").asText("-"));
        out.println(style.bold("State:") + "             " + style.state(stateOf(object)));
        out.println(style.bold("Failure:") + "           " + style.state(failureOf(status)));
        out.println(style.bold("Observed:") + "          " + (status.has("observedGeneration")
                ? "spec revision " + status.path("observedGeneration").asText() : "not reconciled yet"));

        out.println();
        out.println(style.bold("Conditions:"));
        Table conditions = new Table(List.of("TYPE", "STATUS", "REASON", "SINCE", "MESSAGE"));
        for (JsonNode condition : status.path("conditions")) {
            conditions.add(List.of(condition.path("type").asText(), condition.path("status").asText(),
                    condition.path("reason").asText(""), Ages.since(condition.path("lastTransition").asText(null), now),
                    condition.path("message").asText("")));
        }
        out.print(conditions.isEmpty() ? "  none\n" : indent(conditions.render(style)));

        out.println();
        rules(client, object, out);

        out.println();
        out.println(style.bold("Placement:"));
        Map<String, String> why = placementReasons(recent);
        Table placement = new Table(List.of("PROCESS", "NODE", "DESIRED", "STATE", "PID", "UPTIME", "WHY"), Set.of(3));
        for (JsonNode row : processes) {
            String process = row.path("process").asText();
            placement.add(List.of(process, row.path("node").asText(), row.path("desired").asText("-"),
                    row.path("state").asText("-"), row.path("observed").path("pid").asText("-"),
                    "RUNNING".equals(row.path("state").asText()) ? Ages.since(row.path("observed").path("startTime")
                            .asText(null), now) : "-",
                    why.getOrDefault(process + "@" + row.path("node").asText(), why.getOrDefault(process, "-"))));
        }
        out.print(placement.isEmpty() ? "  no process is placed\n" : indent(placement.render(style)));

        out.println();
        out.println(style.bold("Events:"));
        Table table = new Table(List.of("AGE", "TYPE", "REASON", "OBJECT", "MESSAGE"), Set.of(1));
        for (JsonNode event : recent) {
            table.add(List.of(Ages.since(event.path("time").asText(null), now), event.path("type").asText(),
                    event.path("reason").asText(""), event.path("object").asText(""), event.path("message").asText("")));
        }
        out.print(table.isEmpty() ? "  none\n" : indent(table.render(style)));
        out.flush();
        return ExitCode.OK;
    }

    /** The effective rules, resolved here from the rule sets the operator holds, in Supvisors' names. */
    private void rules(ApiClient client, JsonNode object, PrintWriter out) {
        Optional<Application> application = ServerRules.application(object);
        if (application.isEmpty()) {
            out.println(style().bold("Rules:") + " not shown: this client cannot read the application's spec");
            return;
        }
        RuleResolver resolver = ServerRules.resolver(client);
        Sourced<Application> sourced = Sourced.generated(application.get(), "operator");
        ResolvedApplication rules = resolver.application(name, sourced);
        Map<String, String> texts = new HashMap<>();
        if (rules.matchedRule() != null) {
            texts.put("matched_rule", rules.matchedRule().describe());
        }
        out.print(KeyValueTable.render(style().bold("Rules:"), rules, texts));
        Table programs = new Table(List.of("PROCESS", "START_SEQ", "STOP_SEQ", "REQUIRED", "WAIT_EXIT", "LOADING",
                "IDENTIFIERS", "MATCHED_RULE"));
        for (ResolvedProgram program : resolver.programs(sourced)) {
            programs.add(List.of(program.processName(), String.valueOf(program.startSequence()),
                    String.valueOf(program.stopSequence()), String.valueOf(program.required()),
                    String.valueOf(program.waitExit()), String.valueOf(program.expectedLoading()),
                    String.join(",", program.identifiers()),
                    program.matchedRule() == null ? "-" : program.matchedRule().describe()));
        }
        if (!programs.isEmpty()) {
            out.print(indent(programs.render(style())));
        }
    }

    /** The message of the latest Placed event of each process (by process@node and by process). */
    private static Map<String, String> placementReasons(List<JsonNode> events) {
        Map<String, String> why = new HashMap<>();
        for (JsonNode event : events) {
            if (!"Placed".equals(event.path("reason").asText())) {
                continue;
            }
            String object = event.path("object").asText("");
            int slash = object.lastIndexOf('/');
            if (!object.startsWith("process/") || slash < 0) {
                continue;
            }
            why.put(object.substring(slash + 1), event.path("message").asText(""));
        }
        return why;
    }

    private static String stateOf(JsonNode object) {
        JsonNode state = object.path("status").path("state");
        return state.isMissingNode() || state.isNull() ? "Pending" : state.asText();
    }

    private static String failureOf(JsonNode status) {
        if (status.path("majorFailure").asBoolean()) {
            return "major";
        }
        return status.path("minorFailure").asBoolean() ? "minor" : "none";
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
        return out.toString();
    }
}
