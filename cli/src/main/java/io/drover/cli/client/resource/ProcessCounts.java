package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** How many processes of each application exist and how many run, from {@code GET /api/v1/processes}. */
final class ProcessCounts {

    private final Map<String, Set<String>> all = new HashMap<>();
    private final Map<String, Set<String>> running = new HashMap<>();

    static ProcessCounts of(JsonNode processes) {
        ProcessCounts counts = new ProcessCounts();
        for (JsonNode row : Json.items(processes)) {
            String application = Json.text(row, "application");
            String process = Json.text(row, "process");
            counts.all.computeIfAbsent(application, a -> new HashSet<>()).add(process);
            if ("RUNNING".equals(Json.text(row, "state"))) {
                counts.running.computeIfAbsent(application, a -> new HashSet<>()).add(process);
            }
        }
        return counts;
    }

    int total(String application) {
        return all.getOrDefault(application, Set.of()).size();
    }

    int running(String application) {
        return running.getOrDefault(application, Set.of()).size();
    }
}
