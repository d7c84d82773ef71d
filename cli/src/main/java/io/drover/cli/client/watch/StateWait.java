package io.drover.cli.client.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.state.ProcessState;
import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.http.ServerError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits until applications or processes reach the state asked for ({@code --wait}), showing their progress, and
 * reads again whenever the event stream reports a change (or every second without it).
 */
public final class StateWait {

    private final ApiClient client;
    private final Progress progress;

    public StateWait(ApiClient client, Progress progress) {
        this.client = client;
        this.progress = progress;
    }

    /**
     * Returns once every target is reached.
     *
     * @throws ClientException with {@link ExitCode#TIMEOUT} when {@code timeout} elapses first
     */
    public void await(List<Target> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ChangeFeed feed = ChangeFeed.open(client, Set.of("application", "process"))) {
            while (true) {
                List<String> lines = new ArrayList<>();
                List<String> pending = new ArrayList<>();
                for (Target target : targets) {
                    Observation seen = observe(target);
                    lines.add(seen.line());
                    if (!seen.reached()) {
                        pending.add(seen.line());
                    }
                }
                progress.show(lines);
                if (pending.isEmpty()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ClientException(ExitCode.TIMEOUT, "timed out after " + timeout.toSeconds()
                            + "s waiting: " + String.join("; ", pending).replaceAll("\\s+", " "));
                }
                feed.await(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
            }
        }
    }

    private record Observation(boolean reached, String line) {
    }

    private Observation observe(Target target) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : client.get("/api/v1/processes?application=" + ApiClient.segment(target.application()))
                .path("items")) {
            if (target.process() == null || target.process().equals(row.path("process").asText())) {
                rows.add(row);
            }
        }
        int running = (int) rows.stream().filter(r -> "RUNNING".equals(r.path("state").asText())).count();
        String goal = target.running() ? "RUNNING" : "STOPPED";
        if (target.process() != null) {
            boolean reached = target.running()
                    ? rows.stream().anyMatch(r -> "RUNNING".equals(r.path("state").asText()) && restarted(target, r))
                    : rows.stream().noneMatch(StateWait::upOrStopping);
            String state = rows.stream().filter(r -> r.hasNonNull("state")).map(r -> r.path("state").asText()
                    + "@" + r.path("node").asText()).reduce((a, b) -> a + "," + b).orElse("not observed");
            return new Observation(reached, String.format("%-30s %-9s %s", target.label(), reached ? goal : "...",
                    state));
        }
        JsonNode status = null;
        try {
            status = client.get("/api/v1/status/applications/" + ApiClient.segment(target.application()))
                    .path("status");
        } catch (ServerError e) {
            if (e.status() != 404) {
                throw e;
            }
            if (e.code() != null && e.getMessage().contains("no application named")) {
                throw ClientException.notFound("no application named '" + target.application() + "'");
            }
        }
        String state = status == null ? "Pending" : status.path("state").asText("Pending");
        boolean current = status != null && status.path("observedGeneration").asLong() >= target.minGeneration();
        boolean reached = current && state.equals(goal);
        if (reached && target.running()) {
            reached = rows.stream().filter(r -> "RUNNING".equals(r.path("desired").asText()))
                    .allMatch(r -> "RUNNING".equals(r.path("state").asText()) && restarted(target, r));
        } else if (reached) {
            reached = rows.stream().noneMatch(StateWait::upOrStopping);
        }
        String failure = status == null ? "" : status.path("majorFailure").asBoolean() ? "  major failure"
                : status.path("minorFailure").asBoolean() ? "  minor failure" : "";
        return new Observation(reached, String.format("%-30s %-9s %d/%d running%s", target.label(), state,
                running, rows.size(), failure));
    }

    private static boolean restarted(Target target, JsonNode row) {
        if (target.startsBefore() == null) {
            return true;
        }
        String before = target.startsBefore().get(key(row));
        String now = row.path("observed").path("startTime").asText(null);
        return before == null || (now != null && !now.equals(before));
    }

    private static boolean upOrStopping(JsonNode row) {
        if (!row.hasNonNull("state")) {
            return false;
        }
        ProcessState state = ProcessState.valueOf(row.path("state").asText());
        return state.isRunning() || state == ProcessState.STOPPING;
    }

    /** The start time of each process of the application now, for a restart's {@link Target#startsBefore()}. */
    public static Map<String, String> startTimes(ApiClient client, String application, String process) {
        Map<String, String> starts = new HashMap<>();
        for (JsonNode row : client.get("/api/v1/processes?application=" + ApiClient.segment(application))
                .path("items")) {
            if (process != null && !process.equals(row.path("process").asText())) {
                continue;
            }
            String start = row.path("observed").path("startTime").asText(null);
            if (start != null) {
                starts.put(key(row), start);
            }
        }
        return starts;
    }

    private static String key(JsonNode row) {
        return row.path("node").asText() + "/" + row.path("process").asText();
    }
}
