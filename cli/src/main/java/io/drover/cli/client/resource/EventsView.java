package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Ages;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Events, oldest first as the server keeps them; a name keeps those about one application and its processes. */
public final class EventsView implements ResourceView {

    private final int limit;

    public EventsView(int limit) {
        this.limit = limit;
    }

    @Override
    public String kind() {
        return "event";
    }

    @Override
    public Set<String> watchedKinds() {
        return Set.of("event");
    }

    @Override
    public boolean reportsDeletions() {
        return false;
    }

    @Override
    public List<Item> list(ApiClient client, String name) {
        String query = "?limit=" + limit + (name == null ? "" : "&application=" + ApiClient.segment(name));
        List<Item> items = new ArrayList<>();
        for (JsonNode event : Json.items(client.get("/api/v1/events" + query))) {
            String version = Json.orDash(Json.text(event, "resourceVersion"));
            // zero-padded, so that the keys of a watch sort in the order events happened
            String key = String.format("%020d", event.path("resourceVersion").asLong());
            items.add(new Item(key, version, event));
        }
        return items;
    }

    @Override
    public Table table(List<Item> items, boolean wide, Instant now) {
        List<String> headers = new ArrayList<>(List.of("AGE", "TYPE", "REASON", "OBJECT"));
        if (wide) {
            headers.addAll(List.of("TIME", "SOURCE"));
        }
        headers.add("MESSAGE");
        Table table = new Table(headers, Set.of(1));
        for (Item item : items) {
            JsonNode event = item.object();
            List<String> row = new ArrayList<>(List.of(Ages.since(Json.text(event, "time"), now),
                    Json.orDash(Json.text(event, "type")), Json.orDash(Json.text(event, "reason")),
                    Json.orDash(Json.text(event, "object"))));
            if (wide) {
                row.add(Json.orDash(Json.text(event, "time")));
                row.add(Json.orDash(Json.text(event, "source")));
            }
            row.add(Json.orDash(Json.text(event, "message")));
            table.add(row);
        }
        return table;
    }
}
