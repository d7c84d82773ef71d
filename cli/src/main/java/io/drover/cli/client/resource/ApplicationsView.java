package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.http.ServerError;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applications: each manifest as applied, with the operator's status under {@code status} (as a Kubernetes object),
 * and how many of its processes run where.
 */
public final class ApplicationsView implements ResourceView {

    @Override
    public String kind() {
        return "application";
    }

    @Override
    public Set<String> watchedKinds() {
        return Set.of("application", "process");
    }

    @Override
    public List<Item> list(ApiClient client, String name) {
        List<JsonNode> manifests = new ArrayList<>();
        Map<String, JsonNode> statuses = new HashMap<>();
        if (name != null) {
            manifests.add(client.get("/api/v1/applications/" + ApiClient.segment(name)));
            try {
                JsonNode status = client.get("/api/v1/status/applications/" + ApiClient.segment(name));
                statuses.put(name, status.get("status"));
            } catch (ServerError notYet) {
                if (notYet.status() != 404) {
                    throw notYet;
                }
            }
        } else {
            manifests.addAll(Json.items(client.get("/api/v1/applications")));
            for (JsonNode status : Json.items(client.get("/api/v1/status/applications"))) {
                statuses.put(Json.text(status, "name"), status.get("status"));
            }
        }
        ProcessCounts counts = ProcessCounts.of(client.get("/api/v1/processes"
                + (name == null ? "" : "?application=" + ApiClient.segment(name))));
        Map<String, Item> items = new TreeMap<>();
        for (JsonNode manifest : manifests) {
            String app = Json.text(manifest, "metadata", "name");
            ObjectNode object = manifest.deepCopy();
            JsonNode status = statuses.get(app);
            ObjectNode statusNode = object.putObject("status");
            if (status != null && status.isObject()) {
                statusNode.setAll((ObjectNode) status);
            }
            statusNode.put("processesRunning", counts.running(app));
            statusNode.put("processesTotal", counts.total(app));
            items.put(app, new Item(app, app, object));
        }
        return List.copyOf(items.values());
    }

    @Override
    public Table table(List<Item> items, boolean wide, Instant now) {
        List<String> headers = new ArrayList<>(List.of("NAME", "STATE", "FAILURE", "RUNNING", "NODES"));
        if (wide) {
            headers.addAll(List.of("STRATEGY", "DISTRIBUTION", "OBSERVED", "RESOURCE-VERSION", "MESSAGE"));
        }
        Table table = new Table(headers, Set.of(1, 2));
        for (Item item : items) {
            JsonNode object = item.object();
            JsonNode status = object.path("status");
            List<String> row = new ArrayList<>(List.of(item.name(), state(object), failure(status),
                    status.path("processesRunning").asInt() + "/" + status.path("processesTotal").asInt(),
                    nodes(status)));
            if (wide) {
                row.add(Json.orDash(Json.text(object, "spec", "startingStrategy")));
                row.add(Json.orDash(Json.text(object, "spec", "distribution")));
                row.add(Json.orDash(Json.text(status, "observedGeneration")));
                row.add(Json.orDash(Json.text(object, "metadata", "resourceVersion")));
                row.add(message(status));
            }
            table.add(row);
        }
        return table;
    }

    /** The state the operator computed, or Pending while it has not reconciled the application yet. */
    static String state(JsonNode object) {
        String state = Json.text(object, "status", "state");
        return state == null ? "Pending" : state;
    }

    static String failure(JsonNode status) {
        if (status.path("majorFailure").asBoolean()) {
            return "major";
        }
        return status.path("minorFailure").asBoolean() ? "minor" : "-";
    }

    private static String nodes(JsonNode status) {
        Set<String> nodes = new TreeSet<>();
        status.path("placement").forEach(node -> nodes.add(node.asText()));
        return nodes.isEmpty() ? "-" : String.join(",", nodes);
    }

    /** What the operator says the application is doing: its start or stop sequence condition. */
    private static String message(JsonNode status) {
        for (JsonNode condition : status.path("conditions")) {
            if ("Sequence".equals(Json.text(condition, "type"))) {
                return Json.orDash(Json.text(condition, "message"));
            }
        }
        return "-";
    }

    @Override
    public Table supvisors(ApiClient client, List<Item> items, Instant now) {
        RuleResolver resolver = ServerRules.resolver(client);
        Table table = new Table(List.of("application_name", "managed", "statecode", "statename", "major_failure",
                "minor_failure", "now"));
        for (Item item : items) {
            JsonNode status = item.object().path("status");
            String state = Json.text(status, "state");
            String code = state == null ? "0" : String.valueOf(io.drover.api.state.ApplicationState.valueOf(state)
                    .code());
            boolean managed = managed(resolver, item);
            table.add(List.of(item.name(), python(managed), code, state == null ? "STOPPED" : state,
                    python(status.path("majorFailure").asBoolean()), python(status.path("minorFailure").asBoolean()),
                    String.valueOf(now.getEpochSecond())));
        }
        return table;
    }

    /** Supvisors' managed: a rule (a rule set's or the application's own) matches the application. */
    private static boolean managed(RuleResolver resolver, Item item) {
        return ServerRules.application(item.object())
                .map(application -> resolver.application(item.name(), Sourced.generated(application, "operator"))
                        .managed())
                .orElse(false);
    }

    static String python(boolean value) {
        return value ? "True" : "False";
    }
}
