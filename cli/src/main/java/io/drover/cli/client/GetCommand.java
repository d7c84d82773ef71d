package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.json.Json;
import io.drover.cli.client.output.Style;
import io.drover.cli.client.output.Table;
import io.drover.cli.client.resource.Item;
import io.drover.cli.client.resource.ResourceKind;
import io.drover.cli.client.resource.ResourceView;
import io.drover.cli.client.watch.ChangeFeed;
import io.drover.cli.output.Printers;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover get KIND [NAME]}: lists resources, once or as they change. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Lists applications, processes, nodes, rule sets or events from the operator.",
                "Exit 0 on success, 3 when NAME matches nothing, 1 on any other error."})
public final class GetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "KIND",
            description = "applications, processes, nodes, rulesets or events (also: app, proc, ps, node, rs, ev).")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "Only this one. For processes: an application (APP) or one process (APP:PROCESS); for"
                    + " events: the events of one application and its processes.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, wide (more columns), yaml, json, name (kind/name per line), or supvisors"
                    + " (applications and processes in Supvisors' field names: application_info, process_info);"
                    + " default: ${DEFAULT-VALUE}. With --watch, json prints one object a line.")
    GetFormat output;

    @Option(names = {"-w", "--watch"},
            description = "After the list, print each resource again whenever it changes, until interrupted (Ctrl-C).")
    boolean watch;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "For events: at most the N newest (1 to 1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int execute() throws Exception {
        ResourceView view = ResourceKind.parse(kind).view(limit);
        if (limit < 1 || limit > 1000) {
            throw new ClientException(ExitCode.USAGE, "--limit must be from 1 to 1000, not " + limit);
        }
        if (output == GetFormat.SUPVISORS && !Set.of("application", "process").contains(view.kind())) {
            throw new ClientException(ExitCode.USAGE, "-o supvisors is available for applications and processes");
        }
        if (!watch) {
            List<Item> items = view.list(client(), name);
            print(view, items);
            if (items.isEmpty() && isTabular()) {
                err().println("No " + ResourceKind.parse(kind).plural() + " found.");
            }
            out().flush();
            err().flush();
            return ExitCode.OK;
        }
        return watch(view);
    }

    private boolean isTabular() {
        return output == GetFormat.TABLE || output == GetFormat.WIDE || output == GetFormat.SUPVISORS;
    }

    private int watch(ResourceView view) throws InterruptedException {
        try (ChangeFeed feed = ChangeFeed.open(client(), view.watchedKinds())) {
            List<Item> items = listOrNone(view);
            int[] widths = print(view, items);
            Map<String, String> shown = fingerprints(items);
            while (!Thread.currentThread().isInterrupted()) {
                // read again on a change, and at least every few seconds for what the stream does not announce
                feed.await(Duration.ofSeconds(5));
                List<Item> now = listOrNone(view);
                List<Item> changed = new ArrayList<>();
                Map<String, String> current = fingerprints(now);
                for (Item item : now) {
                    if (!current.get(item.key()).equals(shown.get(item.key()))) {
                        changed.add(item);
                    }
                }
                Set<String> gone = new HashSet<>(shown.keySet());
                gone.removeAll(current.keySet());
                if (!view.reportsDeletions()) {
                    gone.clear();
                }
                if (!changed.isEmpty() && output == GetFormat.SUPVISORS) {
                    // Supvisors shows one row per process whatever its nodes: every copy of a changed one counts
                    Set<String> names = new HashSet<>();
                    changed.forEach(item -> names.add(item.name()));
                    changed = now.stream().filter(item -> names.contains(item.name())).toList();
                }
                if (!changed.isEmpty()) {
                    widths = printMore(view, changed, widths);
                }
                for (String key : gone) {
                    printDeleted(view, key);
                }
                out().flush();
                shown = current;
            }
        }
        return ExitCode.OK;
    }

    /** A watched name that disappears is shown as deleted, not as an error that ends the watch. */
    private List<Item> listOrNone(ResourceView view) {
        try {
            return view.list(client(), name);
        } catch (ClientException e) {
            if (e.exitCode() == ExitCode.NOT_FOUND && name != null) {
                return List.of();
            }
            throw e;
        }
    }

    private static Map<String, String> fingerprints(List<Item> items) {
        Map<String, String> prints = new LinkedHashMap<>();
        items.forEach(item -> prints.put(item.key(), item.object().toString()));
        return prints;
    }

    /** Prints the first listing; returns the column widths later rows align to. */
    private int[] print(ResourceView view, List<Item> items) {
        PrintWriter out = out();
        Instant now = Instant.now();
        Style style = style();
        switch (output) {
            case TABLE, WIDE, SUPVISORS -> {
                Table table = table(view, items, now);
                out.print(table.render(style));
                out.flush();
                return table.widths();
            }
            case NAME -> items.forEach(item -> out.println(view.kind() + "/" + item.name()));
            case JSON -> {
                if (watch) {
                    items.forEach(item -> out.println(item.object().toString()));
                } else {
                    out.print(Printers.json(document(view, items)));
                }
            }
            case YAML -> {
                if (watch) {
                    items.forEach(item -> out.print(Printers.yaml(item.object())));
                } else {
                    out.print(Printers.yaml(document(view, items)));
                }
            }
        }
        out.flush();
        return new int[0];
    }

    private int[] printMore(ResourceView view, List<Item> items, int[] widths) {
        if (output == GetFormat.TABLE || output == GetFormat.WIDE || output == GetFormat.SUPVISORS) {
            Table table = table(view, items, Instant.now());
            int[] needed = table.widths();
            int[] merged = widths.clone();
            for (int i = 0; i < merged.length && i < needed.length; i++) {
                merged[i] = Math.max(merged[i], needed[i]);
            }
            out().print(table.renderRows(merged, style()));
            return merged;
        }
        print(view, items);
        return widths;
    }

    private void printDeleted(ResourceView view, String key) {
        String shownName = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
        switch (output) {
            case JSON -> out().println("{\"kind\":\"" + view.kind() + "\",\"name\":\"" + shownName
                    + "\",\"deleted\":true}");
            case YAML -> out().print("---\nkind: " + view.kind() + "\nname: " + shownName + "\ndeleted: true\n");
            default -> out().println(view.kind() + "/" + shownName + " deleted");
        }
    }

    private Table table(ResourceView view, List<Item> items, Instant now) {
        return output == GetFormat.SUPVISORS ? view.supvisors(client(), items, now)
                : view.table(items, output == GetFormat.WIDE, now);
    }

    /** One named application or rule set prints as itself; anything else as a list. */
    private JsonNode document(ResourceView view, List<Item> items) {
        if (name != null && items.size() == 1 && Set.of("application", "ruleset", "node").contains(view.kind())) {
            return items.get(0).object();
        }
        ObjectNode list = Json.mapper().createObjectNode();
        list.put("kind", "List");
        ArrayNode array = list.putArray("items");
        items.forEach(item -> array.add(item.object()));
        return list;
    }
}
