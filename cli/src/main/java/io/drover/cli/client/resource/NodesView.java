package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.client.ClientException;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Ages;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Nodes: registered agents (Ready) and nodes that still hold assignments but whose agent is gone (Lost). */
public final class NodesView implements ResourceView {

    @Override
    public String kind() {
        return "node";
    }

    @Override
    public Set<String> watchedKinds() {
        return Set.of("node");
    }

    @Override
    public List<Item> list(ApiClient client, String name) {
        List<Item> items = new ArrayList<>();
        for (JsonNode node : Json.items(client.get("/api/v1/nodes"))) {
            String nodeName = Json.text(node, "name");
            if (name == null || name.equals(nodeName)) {
                items.add(new Item(nodeName, nodeName, node));
            }
        }
        if (name != null && items.isEmpty()) {
            throw ClientException.notFound("no node named '" + name + "'");
        }
        return items;
    }

    @Override
    public Table table(List<Item> items, boolean wide, Instant now) {
        List<String> headers = new ArrayList<>(List.of("NAME", "STATUS", "LABELS", "CPU", "MEMORY", "PROCESSES",
                "AGE", "VERSION"));
        if (wide) {
            headers.addAll(List.of("HOST", "CAPACITY", "LOAD-1M", "ENDPOINT"));
        }
        Table table = new Table(headers, Set.of(1));
        for (Item item : items) {
            JsonNode node = item.object();
            JsonNode info = node.path("info");
            JsonNode stats = node.path("stats");
            List<String> labels = new ArrayList<>();
            info.path("labels").forEach(label -> labels.add(label.asText()));
            List<String> row = new ArrayList<>(List.of(item.name(),
                    node.path("alive").asBoolean() ? "Ready" : "Lost",
                    labels.isEmpty() ? "-" : String.join(",", labels),
                    stats.has("cpu") ? percent(stats.path("cpu").asDouble()) : "-",
                    stats.path("memoryTotalBytes").asLong() > 0 ? percent(stats.path("memoryUsedBytes").asDouble()
                            / stats.path("memoryTotalBytes").asDouble()) : "-",
                    stats.has("processes") ? String.valueOf(stats.path("processes").size()) : "-",
                    Ages.since(Json.text(info, "startTime"), now),
                    Json.orDash(Json.text(info, "version"))));
            if (wide) {
                row.add(Json.orDash(Json.text(info, "hostId")));
                row.add(Json.orDash(Json.text(info, "capacity")));
                row.add(stats.path("loadAverage").has("oneMinute")
                        ? String.format(Locale.ROOT, "%.2f", stats.path("loadAverage").path("oneMinute").asDouble()) : "-");
                row.add(Json.orDash(Json.text(info, "agentEndpoint")));
            }
            table.add(row);
        }
        return table;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
