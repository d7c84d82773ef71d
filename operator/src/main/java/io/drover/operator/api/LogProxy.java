package io.drover.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.model.Names;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.store.Versioned;
import io.drover.operator.informer.ClusterCache;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/processes/{app}/{process}/log}: the process's output, read from the agent of the node that runs
 * it (the agent's endpoint is in the node's {@link NodeInfo}) with the agent token the operator was given. Users never
 * reach agents directly: the API checks their token and role, the operator alone holds the agents' token.
 */
final class LogProxy {

    /** The agent's own cap on one read. */
    static final int MAX_LENGTH = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** The agent holds a follow request up to 10 s before answering empty. */
    private static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> FORWARDED_HEADERS = List.of("X-Drover-Offset", "X-Drover-Next-Offset",
            "X-Drover-File-Size");
    private static final Logger LOG = LoggerFactory.getLogger(LogProxy.class);

    private final ClusterCache cache;
    private final Keyspace keys;
    private final String agentToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    LogProxy(ClusterCache cache, String agentToken) {
        this.cache = cache;
        this.keys = cache.keyspace();
        this.agentToken = agentToken;
    }

    void serve(Context ctx) throws InterruptedException {
        String application = checkedName(ctx.pathParam("app"), "application");
        String process = checkedName(ctx.pathParam("process"), "process");
        String node = ctx.queryParam("node");
        if (node != null && !node.isBlank()) {
            checkedName(node, "node");
        } else {
            node = null;
        }
        String stream = Optional.ofNullable(ctx.queryParam("stream")).orElse("stdout").trim().toLowerCase(Locale.ROOT);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw ApiProblem.invalid("stream must be stdout or stderr, not '" + CommandRequest.abbreviate(stream) + "'");
        }
        Long offset = longParam(ctx, "offset", Long.MIN_VALUE, Long.MAX_VALUE);
        Long length = longParam(ctx, "length", 0, MAX_LENGTH);
        boolean follow = ApiServer.booleanParam(ctx, "follow");

        String runsOn = nodeOf(application, process, node);
        Versioned<NodeInfo> info = cache.nodes().get(keys.node(runsOn)).orElseThrow(() -> ApiProblem.notFound(
                "node '" + runsOn + "', where " + application + ":" + process + " runs, is not registered: its agent"
                        + " is gone"));
        URI endpoint = info.value().agentEndpoint();
        if (endpoint == null) {
            throw ApiProblem.notFound("the agent of node '" + runsOn + "' serves no logs (it was started without"
                    + " --api-token-file)");
        }
        HttpResponse<byte[]> first = fetch(endpoint, runsOn, application, process, stream, offset, length, follow);
        for (String header : FORWARDED_HEADERS) {
            first.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        ctx.header("X-Drover-Node", runsOn);
        ctx.contentType("text/plain; charset=utf-8");
        if (!follow) {
            ctx.result(first.body());
            return;
        }
        // the agent answers a follow as soon as there is output past the offset (a long poll): the proxy keeps asking
        // from the next offset and streams each answer, so that the client reads one endless response until it leaves
        try {
            OutputStream out = ctx.res().getOutputStream();
            HttpResponse<byte[]> answer = first;
            while (true) {
                out.write(answer.body());
                out.flush();
                OptionalLong next = answer.headers().firstValue("X-Drover-Next-Offset").stream()
                        .mapToLong(Long::parseLong).findFirst();
                if (next.isEmpty()) {
                    return;
                }
                answer = fetch(endpoint, runsOn, application, process, stream, next.getAsLong(), length, true);
            }
        } catch (IOException clientGone) {
            LOG.debug("log follow of {}:{} ended: {}", application, process, clientGone.getMessage());
        } catch (ApiProblem agentGone) {
            // headers are sent: the stream just ends, and the client may ask again
            LOG.debug("log follow of {}:{} ended: {}", application, process, agentGone.getMessage());
        }
    }

    /** One request to the agent; anything but 200 becomes the problem the user sees. */
    private HttpResponse<byte[]> fetch(URI endpoint, String runsOn, String application, String process, String stream,
                                       Long offset, Long length, boolean follow) throws InterruptedException {
        StringBuilder query = new StringBuilder("stream=").append(stream);
        if (offset != null) {
            query.append("&offset=").append(offset);
        }
        if (length != null) {
            query.append("&length=").append(length);
        }
        if (follow) {
            query.append("&follow=true");
        }
        URI target = endpoint.resolve("/v1/logs/" + segment(application) + "/" + segment(process) + "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET()
                .timeout(follow ? FOLLOW_TIMEOUT : READ_TIMEOUT);
        if (agentToken != null) {
            request.header("Authorization", "Bearer " + agentToken);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw agentUnavailable(runsOn, endpoint, "did not answer within " + (follow ? FOLLOW_TIMEOUT : READ_TIMEOUT)
                    .toSeconds() + " s");
        } catch (IOException e) {
            throw agentUnavailable(runsOn, endpoint, "cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        switch (answer.statusCode()) {
            case 200 -> {
                return answer;
            }
            case 404 -> throw ApiProblem.notFound(agentMessage(answer, "node '" + runsOn + "' runs no process "
                    + application + ":" + process));
            case 400 -> throw ApiProblem.invalid(agentMessage(answer, "the agent refused the request"));
            case 401, 403 -> {
                LOG.warn("the agent of node {} at {} refused the operator's agent token", runsOn, endpoint);
                throw new ApiProblem(502, "AGENT_REFUSED", "Agent refused", "the agent of node '" + runsOn
                        + "' refused the operator's agent token; give the operator the agents' token"
                        + " (--agent-token-file)");
            }
            default -> throw agentUnavailable(runsOn, endpoint, "answered HTTP " + answer.statusCode());
        }
    }

    /** The node whose agent holds the process's log: the one given, else where it runs (or last ran). */
    private String nodeOf(String application, String process, String node) {
        // several nodes may know the process (a restart moving it): prefer where it runs, then the newest report
        java.util.SortedSet<String> candidates = new java.util.TreeSet<>();
        String running = null;
        long newest = -1;
        String latest = null;
        for (var entry : cache.processes().snapshot().entrySet()) {
            Optional<ProcessRef> ref = keys.parseProcess(entry.getKey());
            if (ref.isEmpty() || !ref.get().application().equals(application) || !ref.get().process().equals(process)) {
                continue;
            }
            candidates.add(ref.get().node());
            if (entry.getValue().value().state() == ProcessState.RUNNING) {
                running = ref.get().node();
            }
            if (entry.getValue().modRevision() > newest) {
                newest = entry.getValue().modRevision();
                latest = ref.get().node();
            }
        }
        for (var entry : cache.assignments().snapshot().entrySet()) {
            keys.parseAssignment(entry.getKey()).filter(r -> r.application().equals(application)
                    && r.process().equals(process)).ifPresent(r -> candidates.add(r.node()));
        }
        if (node != null) {
            if (!candidates.contains(node)) {
                throw ApiProblem.notFound("process " + application + ":" + process + " is not on node '" + node + "'");
            }
            return node;
        }
        if (candidates.isEmpty()) {
            throw ApiProblem.notFound("no process " + application + ":" + process + " is assigned or observed on any"
                    + " node");
        }
        if (running != null) {
            return running;
        }
        return latest != null ? latest : candidates.first();
    }

    private static ApiProblem agentUnavailable(String node, URI endpoint, String why) {
        LOG.warn("log request to the agent of node {} at {}: it {}", node, endpoint, why);
        return new ApiProblem(502, "AGENT_UNAVAILABLE", "Agent unavailable", "the agent of node '" + node + "' " + why);
    }

    private static String agentMessage(HttpResponse<byte[]> answer, String fallback) {
        try {
            JsonNode body = Json.mapper().readTree(answer.body());
            if (body != null && body.hasNonNull("error")) {
                return body.get("error").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // the fallback says it
        }
        return fallback;
    }

    private static String checkedName(String name, String what) {
        Names.problem(what, name).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        return name;
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Long longParam(Context ctx, String name, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.invalid(name + " must be a whole number of bytes" + (min == 0 ? " from 0 to " + max : "")
                + ", not '" + CommandRequest.abbreviate(text) + "'");
    }
}
