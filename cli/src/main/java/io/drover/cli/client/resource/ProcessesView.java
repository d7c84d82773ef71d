package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.state.ProcessState;
import io.drover.cli.client.ClientException;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Ages;
import io.drover.cli.client.output.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Processes: one row per process and node holding it, with what the operator asks (desired) and what the agent sees
 * (state, pid, start time). A name selects an application ({@code APP}) or one process ({@code APP:PROCESS}).
 */
public final class ProcessesView implements ResourceView {

    /** Supervisor's preference when several copies run (Supvisors' ProcessStatus synthesis). */
    private static final List<String> CONFLICT_ORDER = List.of("RUNNING", "BACKOFF", "STARTING", "STOPPING");

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public Set<String> watchedKinds() {
        return Set.of("process");
    }

    @Override
    public List<Item> list(ApiClient client, String name) {
        ProcessName selected = name == null ? null : ProcessName.parse(name, false);
        JsonNode answer = client.get("/api/v1/processes"
                + (selected == null ? "" : "?application=" + ApiClient.segment(selected.application())));
        Map<String, Item> items = new TreeMap<>();
        for (JsonNode row : Json.items(answer)) {
            String application = Json.text(row, "application");
            String process = Json.text(row, "process");
            if (selected != null && selected.process() != null && !selected.process().equals(process)) {
                continue;
            }
            String namespec = application + ":" + process;
            items.put(namespec + "@" + Json.text(row, "node"), new Item(namespec + "@" + Json.text(row, "node"),
                    namespec, row));
        }
        if (selected != null && selected.process() == null && items.isEmpty()) {
            // an application that runs nothing is no error; one that does not exist is (404: exit 3)
            client.get("/api/v1/applications/" + ApiClient.segment(selected.application()));
            return List.of();
        }
        if (selected != null && items.isEmpty()) {
            throw ClientException.notFound("no process '" + selected + "' is assigned or observed");
        }
        return List.copyOf(items.values());
    }

    @Override
    public Table table(List<Item> items, boolean wide, Instant now) {
        List<String> headers = new ArrayList<>(List.of("APPLICATION", "PROCESS", "NODE", "STATE", "DESIRED", "PID",
                "UPTIME"));
        if (wide) {
            headers.addAll(List.of("EXIT", "EXPECTED", "SPAWN-ERROR", "REQUEST", "RESOURCE-VERSION"));
        }
        Table table = new Table(headers, Set.of(3));
        for (Item item : items) {
            JsonNode row = item.object();
            String state = Json.text(row, "state");
            List<String> cells = new ArrayList<>(List.of(Json.text(row, "application"), Json.text(row, "process"),
                    Json.text(row, "node"), Json.orDash(state), Json.orDash(Json.text(row, "desired")),
                    Json.orDash(Json.text(row, "observed", "pid")),
                    "RUNNING".equals(state) ? Ages.since(Json.text(row, "observed", "startTime"), now) : "-"));
            if (wide) {
                cells.add(Json.orDash(Json.text(row, "observed", "exitCode")));
                cells.add(row.path("observed").has("expectedExit")
                        ? String.valueOf(row.path("observed").path("expectedExit").asBoolean()) : "-");
                cells.add(Json.orDash(Json.text(row, "observed", "spawnError")));
                cells.add(Json.orDash(Json.text(row, "requestId")));
                cells.add(Json.orDash(Json.text(row, "resourceVersion")));
            }
            table.add(cells);
        }
        return table;
    }

    /**
     * Supvisors' {@code get_all_process_info} merged with Supervisor's pid and times: one row per process whatever
     * the number of nodes holding it, its state synthesised as Supvisors does and {@code identifiers} the nodes it
     * runs on; times are Unix seconds, a pid 0 means not running.
     */
    @Override
    public Table supvisors(ApiClient client, List<Item> items, Instant now) {
        Map<String, List<JsonNode>> byProcess = new LinkedHashMap<>();
        for (Item item : items) {
            byProcess.computeIfAbsent(item.name(), n -> new ArrayList<>()).add(item.object());
        }
        Table table = new Table(List.of("application_name", "process_name", "statecode", "statename",
                "expected_exit", "identifiers", "pid", "start", "now", "spawnerr"));
        byProcess.forEach((namespec, rows) -> {
            List<JsonNode> observed = rows.stream().filter(r -> r.hasNonNull("state")).toList();
            List<JsonNode> running = observed.stream().filter(r -> ProcessState.valueOf(Json.text(r, "state"))
                    .isRunning()).toList();
            JsonNode shown;
            String state;
            if (running.size() > 1) {
                state = CONFLICT_ORDER.stream().filter(s -> running.stream().anyMatch(r -> s.equals(
                        Json.text(r, "state")))).findFirst().orElse("UNKNOWN");
                String synthesised = state;
                shown = running.stream().filter(r -> synthesised.equals(Json.text(r, "state"))).findFirst()
                        .orElse(running.get(0));
            } else if (running.size() == 1) {
                shown = running.get(0);
                state = Json.text(shown, "state");
            } else if (observed.stream().anyMatch(r -> "STOPPING".equals(Json.text(r, "state")))) {
                shown = observed.stream().filter(r -> "STOPPING".equals(Json.text(r, "state"))).findFirst().get();
                state = "STOPPING";
            } else {
                // Supvisors keeps the most recently reported copy
                shown = observed.stream().max(Comparator.comparing(r -> Json.orDash(Json.text(r, "observed",
                        "updatedAt")))).orElse(null);
                state = shown == null ? "UNKNOWN" : Json.text(shown, "state");
            }
            boolean expected = running.size() >= 1 || shown == null
                    || shown.path("observed").path("expectedExit").asBoolean(true);
            List<String> identifiers = running.stream().map(r -> Json.text(r, "node")).sorted().toList();
            JsonNode first = rows.get(0);
            boolean up = shown != null && running.contains(shown);
            table.add(List.of(Json.text(first, "application"), Json.text(first, "process"),
                    String.valueOf(ProcessState.valueOf(state).code()), state,
                    ApplicationsView.python(expected),
                    identifiers.isEmpty() ? "[]" : String.join(",", identifiers),
                    up ? Json.orDash(Json.text(shown, "observed", "pid")) : "0",
                    epochSeconds(shown == null ? null : Json.text(shown, "observed", "startTime")),
                    String.valueOf(now.getEpochSecond()),
                    shown == null ? "-" : Json.orDash(Json.text(shown, "observed", "spawnError"))));
        });
        return table;
    }

    private static String epochSeconds(String iso) {
        if (iso == null) {
            return "0";
        }
        try {
            return String.valueOf(Instant.parse(iso).getEpochSecond());
        } catch (java.time.format.DateTimeParseException e) {
            return "0";
        }
    }
}
