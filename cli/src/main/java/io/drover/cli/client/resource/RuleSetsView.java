package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rule sets as applied: how many application rules, models and aliases each holds. */
public final class RuleSetsView implements ResourceView {

    @Override
    public String kind() {
        return "ruleset";
    }

    @Override
    public Set<String> watchedKinds() {
        return Set.of("ruleset", "application");
    }

    @Override
    public List<Item> list(ApiClient client, String name) {
        List<JsonNode> sets = name == null ? Json.items(client.get("/api/v1/rulesets"))
                : List.of(client.get("/api/v1/rulesets/" + ApiClient.segment(name)));
        List<Item> items = new ArrayList<>();
        for (JsonNode set : sets) {
            String setName = Json.text(set, "metadata", "name");
            items.add(new Item(setName, setName, set));
        }
        items.sort(java.util.Comparator.comparing(Item::key));
        return items;
    }

    @Override
    public Table table(List<Item> items, boolean wide, Instant now) {
        List<String> headers = new ArrayList<>(List.of("NAME", "APPLICATIONS", "MODELS", "ALIASES"));
        if (wide) {
            headers.addAll(List.of("RESOURCE-VERSION", "RULES"));
        }
        Table table = new Table(headers);
        for (Item item : items) {
            JsonNode spec = item.object().path("spec");
            List<String> row = new ArrayList<>(List.of(item.name(), String.valueOf(spec.path("applications").size()),
                    String.valueOf(spec.path("models").size()), String.valueOf(spec.path("aliases").size())));
            if (wide) {
                row.add(Json.orDash(Json.text(item.object(), "metadata", "resourceVersion")));
                List<String> rules = new ArrayList<>();
                for (JsonNode rule : spec.path("applications")) {
                    rules.add(rule.hasNonNull("name") ? Json.text(rule, "name") : "/" + Json.text(rule, "pattern") + "/");
                }
                row.add(rules.isEmpty() ? "-" : String.join(",", rules));
            }
            table.add(row);
        }
        return table;
    }
}
