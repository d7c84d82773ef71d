package io.drover.operator.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.DesiredState;
import io.drover.api.state.EventRecord;
import io.drover.api.state.EventType;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdConnection;
import io.drover.api.store.EtcdStore;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.EtcdExtension;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second part of the REST API on a real Javalin over a real etcd with one operator replica: the event stream
 * (order, resumption, reset), process commands, the log proxy (against a stand-in agent speaking the agent's log
 * protocol), metrics and the OpenAPI document.
 */
class ApiExtensionsIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String ADMIN = "admin-token-0001";
    private static final String OPERATOR = "operator-token-01";
    private static final String VIEWER = "viewer-token-0001";
    private static final String AGENT_TOKEN = "agent-token-00000001";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private static EtcdStore store;
    private static Keyspace keys;
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static ApiServer server;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Javalin agent;
    private static final List<String> agentRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() {
        OperatorMetrics metrics = new OperatorMetrics();
        // a store of its own whose calls pass through the metrics' interceptor, as the operator command builds it
        store = EtcdStore.connect(EtcdConnection.plain(etcd.endpoints()), EtcdStore.DEFAULT_TIMEOUT,
                List.of(metrics.etcdInterceptor()));
        running.add(store);
        keys = Keyspace.withPrefix(etcd.freshPrefix());
        running.add(SimulatedAgent.start(store, keys, "server_1", TTL, "server"));
        OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-1", keys, TTL, TTL,
                Duration.ofSeconds(5), PlannerSettings.defaults().withEventSource("operator/op-1")), store);
        running.add(operator);
        server = ApiServer.start("op-1", operator, store, new ApiServer.Settings("127.0.0.1", 0,
                ApiTokens.of(Map.of(ADMIN, Role.ADMIN, OPERATOR, Role.OPERATOR, VIEWER, Role.VIEWER)))
                .withAgentToken(AGENT_TOKEN), metrics);
        running.add(server);
        agent = standInAgent();
        running.add(agent::stop);
        await().atMost(WITHIN).until(() -> send("GET", "/readyz", null, null, null).statusCode() == 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    /** Serves {@code GET /v1/logs/{application}/{process}} as the node agent's LogServer does, for one process. */
    private static Javalin standInAgent() {
        byte[] log = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/v1/logs/{application}/{process}", ctx -> {
            agentRequests.add(ctx.queryString() + " " + ctx.header("Authorization"));
            if (!("Bearer " + AGENT_TOKEN).equals(ctx.header("Authorization"))) {
                ctx.status(401).json(Map.of("error", "a valid 'Authorization: Bearer <token>' header is required"));
                return;
            }
            if (!ctx.pathParam("application").equals("logapp") || !ctx.pathParam("process").equals("web")) {
                ctx.status(404).json(Map.of("error", "this node runs no process " + ctx.pathParam("application")
                        + ":" + ctx.pathParam("process")));
                return;
            }
            long offset = Long.parseLong(ctx.queryParamAsClass("offset", String.class).getOrDefault("0"));
            int from = (int) (offset < 0 ? Math.max(0, log.length + offset) : Math.min(offset, log.length));
            ctx.header("X-Drover-Offset", Integer.toString(from));
            ctx.header("X-Drover-Next-Offset", Integer.toString(log.length));
            ctx.header("X-Drover-File-Size", Integer.toString(log.length));
            ctx.contentType("text/plain; charset=utf-8").result(java.util.Arrays.copyOfRange(log, from, log.length));
        });
        return app.start("127.0.0.1", 0);
    }

    // --- HTTP ---

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path, OPERATOR, null, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().map().toString());
        JsonNode body = json(response);
        assertEquals(code, body.get("code").asText(), response.body());
        assertFalse(body.get("detail").asText().isBlank());
        return body;
    }

    private static void apply(String yaml) throws IOException, InterruptedException {
        HttpResponse<String> applied = send("PUT", "/api/v1/apply", ADMIN, "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, applied.statusCode(), applied.body());
    }

    private static String app(String name, int processes) {
        return """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  programs:
                  - name: worker
                    command: ./worker
                    numprocs: %d
                    processName: "%s"
                """.formatted(name, processes, processes > 1 ? "%(program_name)s_%(process_num)d" : "%(program_name)s");
    }

    private static SseReader stream(String token, Long lastEventId) {
        return new SseReader(http, URI.create(base() + "/api/v1/events/stream"), token, lastEventId);
    }

    // --- the event stream ---

    @Test
    void theStreamDeliversChangesInOrderAndResumesFromLastEventId() throws Exception {
        try (SseReader live = stream(VIEWER, null)) {
            await().atMost(WITHIN).until(live::subscribed);
            assertEquals(200, live.status);
            apply(app("feed", 1));
            store.put(keys.node("feed_node"), new NodeInfo("feed_node", "host-feed", List.of(), 100, null, "test",
                    Instant.now()));
            store.put(keys.event(Instant.now(), "feed-1"), new EventRecord(Instant.now(), "test", EventType.NORMAL,
                    "application/feed", "Tested", "an event of the test"));
            assertEquals(200, send("DELETE", "/api/v1/applications/feed", ADMIN, null, null).statusCode());

            await().atMost(WITHIN).until(() -> find(live.events, "application", "Application", "feed", true) != null
                    && find(live.events, "node", "NodeInfo", "feed_node", false) != null
                    && find(live.events, "event", "Event", null, false) != null);
            List<SseReader.Event> seen = List.copyOf(live.events);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).id() >= seen.get(i - 1).id(), "ids never go back: " + seen);
            }
            SseReader.Event created = find(seen, "application", "Application", "feed", false);
            SseReader.Event node = find(seen, "node", "NodeInfo", "feed_node", false);
            SseReader.Event event = find(seen, "event", "Event", null, false);
            SseReader.Event deleted = find(seen, "application", "Application", "feed", true);
            assertTrue(created.id() < node.id() && node.id() < event.id() && event.id() < deleted.id(),
                    "in the order written: " + seen);
            JsonNode data = Json.mapper().readTree(created.data());
            assertEquals("./worker", data.get("object").get("spec").get("programs").get(0).get("command").asText());
            assertEquals(store.getRaw(keys.node("feed_node")).orElseThrow().modRevision(), node.id(),
                    "an event's id is the etcd revision of its change");
            assertTrue(Json.mapper().readTree(deleted.data()).get("object").isNull());
            assertEquals("Tested", Json.mapper().readTree(event.data()).get("object").get("reason").asText());

            // a client that saw everything up to the creation gets exactly what came after it, in the same order
            List<SseReader.Event> after = seen.stream().filter(e -> e.id() > created.id()).toList();
            try (SseReader resumed = stream(VIEWER, created.id())) {
                await().atMost(WITHIN).until(() -> resumed.events.size() >= after.size());
                assertEquals(after, resumed.events.subList(0, after.size()));
            }
        }
    }

    @Test
    void anIdOlderThanTheRingGetsAResetAndBadIdsAreRefused() throws Exception {
        try (SseReader old = stream(VIEWER, 1L)) {
            await().atMost(WITHIN).until(() -> !old.events.isEmpty());
            SseReader.Event reset = old.events.get(0);
            assertEquals("reset", reset.event());
            assertEquals("GONE", Json.mapper().readTree(reset.data()).get("reason").asText());
            assertTrue(reset.id() > 1);
        }
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base() + "/api/v1/events/stream")).header("Authorization", "Bearer " + VIEWER)
                .header("Last-Event-ID", "yesterday").build(), HttpResponse.BodyHandlers.ofString());
        problem(bad, 400, "INVALID_INPUT");
        problem(send("GET", "/api/v1/events/stream", null, null, null), 401, "UNAUTHORIZED");
    }

    private static SseReader.Event find(List<SseReader.Event> events, String event, String kind, String name,
                                        boolean deleted) {
        for (SseReader.Event e : events) {
            if (!e.event().equals(event)) {
                continue;
            }
            try {
                JsonNode data = Json.mapper().readTree(e.data());
                if (data.get("kind").asText().equals(kind) && (name == null || data.get("name").asText().equals(name))
                        && data.get("deleted").asBoolean() == deleted) {
                    return e;
                }
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + e.data(), notJson);
            }
        }
        return null;
    }

    // --- process commands ---

    @Test
    void processCommandsWriteTheIntentWithCompareAndSet() throws Exception {
        apply(app("pcmd", 6));
        HttpResponse<String> restart = post("/api/v1/processes/pcmd/worker_2/restart?strategy=less_loaded");
        assertEquals(202, restart.statusCode(), restart.body());
        JsonNode accepted = json(restart);
        assertEquals("pcmd", accepted.get("application").asText());
        assertEquals("worker_2", accepted.get("process").asText());
        assertEquals("restart", accepted.get("action").asText());
        Intent intent = store.get(keys.intent("pcmd"), Intent.class).orElseThrow().value();
        assertNull(intent.desired(), "a process command alone asks nothing of the application");
        assertEquals(IntentAction.RESTART, intent.processes().get("worker_2").action());
        assertEquals("LESS_LOADED", intent.processes().get("worker_2").strategy());
        assertEquals(accepted.get("requestId").asText(), intent.processes().get("worker_2").requestId());
        assertEquals(store.getRaw(keys.intent("pcmd")).orElseThrow().modRevision(),
                accepted.get("resourceVersion").asLong());

        // an application command (which supersedes earlier process requests) then a process command: both stay
        assertEquals(202, post("/api/v1/applications/pcmd/restart").statusCode());
        assertEquals(202, post("/api/v1/processes/pcmd/worker_0/start?node=server_1").statusCode());
        intent = store.get(keys.intent("pcmd"), Intent.class).orElseThrow().value();
        assertEquals(DesiredState.RUNNING, intent.desired());
        assertEquals("LOCAL", intent.processes().get("worker_0").strategy());
        assertEquals("server_1", intent.processes().get("worker_0").targetNode());

        // concurrent requests on one intent: compare-and-set retries, none is lost
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            parallel.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/api/v1/processes/pcmd/worker_" + i
                            + "/stop")).header("Authorization", "Bearer " + OPERATOR)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> requestIds = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> answer : parallel) {
            assertEquals(202, answer.get().statusCode(), answer.get().body());
            requestIds.add(json(answer.get()).get("requestId").asText());
        }
        intent = store.get(keys.intent("pcmd"), Intent.class).orElseThrow().value();
        assertEquals(requestIds, intent.processes().values().stream().map(p -> p.requestId())
                .collect(Collectors.toSet()));
        assertTrue(intent.processes().values().stream().allMatch(p -> p.action() == IntentAction.STOP
                && p.strategy() == null && p.targetNode() == null));
    }

    @Test
    void processCommandsRefuseUnknownTargetsAndBadParameters() throws Exception {
        apply(app("pbad", 1));
        long before = store.getRaw(keys.intent("pbad")).map(v -> v.modRevision()).orElse(0L);
        problem(post("/api/v1/processes/nosuchapp/worker/start"), 404, "NOT_MANAGED");
        problem(post("/api/v1/processes/pbad/nosuchprocess/start"), 404, "NOT_FOUND");
        problem(post("/api/v1/processes/pbad/worker/jump"), 404, "NOT_FOUND");
        problem(post("/api/v1/processes/pbad/worker/start?strategy=FASTEST"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/processes/pbad/worker/start?strategy=LOCAL"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/processes/pbad/worker/start?strategy=CONFIG&node=server_1"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/processes/pbad/worker/start?node=bad%2Fnode"), 400, "INVALID_INPUT");
        problem(post("/api/v1/processes/pbad/worker/start?node=-x"), 400, "INVALID_INPUT");
        problem(send("POST", "/api/v1/processes/pbad/worker/start", VIEWER, null, null), 403, "FORBIDDEN");
        assertEquals(before, store.getRaw(keys.intent("pbad")).map(v -> v.modRevision()).orElse(0L),
                "nothing written");
    }

    @Test
    void aConciliationDecisionIsWrittenBesideTheProcessRequestsAndBadOnesAreRefused() throws Exception {
        apply(app("conc", 2));
        assertEquals(202, post("/api/v1/processes/conc/worker_1/stop").statusCode());
        HttpResponse<String> decided = post("/api/v1/applications/conc/conciliate?keep=worker_0@server_2&strategy=senicide");
        assertEquals(202, decided.statusCode(), decided.body());
        Intent intent = store.get(keys.intent("conc"), Intent.class).orElseThrow().value();
        assertEquals(java.util.Map.of("worker_0", "server_2"), intent.conciliation().keep());
        assertEquals(io.drover.api.model.ConciliationStrategy.SENICIDE, intent.conciliation().strategy());
        assertEquals(json(decided).get("requestId").asText(), intent.conciliation().requestId());
        assertEquals(IntentAction.STOP, intent.processes().get("worker_1").action(), "the process request is kept");

        long before = store.getRaw(keys.intent("conc")).orElseThrow().modRevision();
        problem(post("/api/v1/applications/conc/conciliate"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/applications/conc/conciliate?strategy=USER"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/applications/conc/conciliate?strategy=OLDEST"), 400, "BAD_STRATEGY");
        problem(post("/api/v1/applications/conc/conciliate?keep=worker_0"), 400, "INVALID_INPUT");
        problem(post("/api/v1/applications/conc/conciliate?keep=worker_0@bad%2Fnode"), 400, "INVALID_INPUT");
        problem(post("/api/v1/applications/nosuchapp/conciliate?strategy=STOP"), 404, "NOT_MANAGED");
        problem(send("POST", "/api/v1/applications/conc/conciliate?strategy=STOP", VIEWER, null, null), 403, "FORBIDDEN");
        assertEquals(before, store.getRaw(keys.intent("conc")).orElseThrow().modRevision(), "nothing written");
    }

    // --- logs ---

    @Test
    void logsAreProxiedFromTheAgentOfTheProcessNode() throws Exception {
        NodeInfo node = new NodeInfo("logs_1", "host-logs", List.of(), 100, URI.create("http://127.0.0.1:"
                + agent.port()), "test", Instant.now());
        store.put(keys.node("logs_1"), node);
        store.put(keys.process("logs_1", "logapp", "web"), new ProcessStatus(ProcessState.RUNNING, 42L,
                Instant.now(), null, null, false, null, 0, Instant.now()));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        store.put(keys.node("logs_2"), new NodeInfo("logs_2", "host-gone", List.of(), 100,
                URI.create("http://127.0.0.1:" + closedPort), "test", Instant.now()));
        store.put(keys.process("logs_2", "logapp", "gone"), new ProcessStatus(ProcessState.RUNNING, 43L,
                Instant.now(), null, null, false, null, 0, Instant.now()));
        // the stand-in nodes have no agent behind their leases: the test only needs the caches to show them
        await().atMost(WITHIN).until(() -> json(send("GET", "/api/v1/processes?application=logapp", VIEWER, null,
                null)).get("items").size() == 2 && json(send("GET", "/api/v1/nodes", VIEWER, null, null))
                .get("items").toString().contains("logs_2"));

        HttpResponse<String> tail = send("GET", "/api/v1/processes/logapp/web/log?offset=-12", VIEWER, null, null);
        assertEquals(200, tail.statusCode(), tail.body());
        assertEquals("second line\n", tail.body());
        assertEquals("23", tail.headers().firstValue("X-Drover-Next-Offset").orElseThrow());
        assertEquals("logs_1", tail.headers().firstValue("X-Drover-Node").orElseThrow());
        assertTrue(agentRequests.stream().anyMatch(r -> r.contains("offset=-12") && r.endsWith("Bearer " + AGENT_TOKEN)),
                agentRequests.toString());
        assertFalse(tail.headers().map().toString().contains(AGENT_TOKEN), "the agents' token stays in the operator");

        problem(send("GET", "/api/v1/processes/logapp/nothere/log", VIEWER, null, null), 404, "NOT_FOUND");
        problem(send("GET", "/api/v1/processes/logapp/web/log?node=server_1", VIEWER, null, null), 404, "NOT_FOUND");
        problem(send("GET", "/api/v1/processes/logapp/gone/log", VIEWER, null, null), 502, "AGENT_UNAVAILABLE");
        problem(send("GET", "/api/v1/processes/logapp/web/log?offset=last", VIEWER, null, null), 400, "INVALID_INPUT");
        problem(send("GET", "/api/v1/processes/logapp/web/log?length=-1", VIEWER, null, null), 400, "INVALID_INPUT");
        problem(send("GET", "/api/v1/processes/logapp/web/log?stream=stdin", VIEWER, null, null), 400,
                "INVALID_INPUT");
        problem(send("GET", "/api/v1/processes/logapp/web/log", null, null, null), 401, "UNAUTHORIZED");
    }

    // --- metrics and the document ---

    @Test
    void metricsAreScrapedInPrometheusTextFormat() throws Exception {
        apply(app("metered", 1));
        // on the simulated agent's node: other tests register nodes without an agent
        assertEquals(202, post("/api/v1/applications/metered/start?node=server_1").statusCode());
        await().atMost(WITHIN).until(() -> {
            String text = send("GET", "/metrics", null, null, null).body();
            return text.contains("drover_reconcile_duration_seconds_count{result=\"ok\"}")
                    && text.contains("drover_leader 1.0") && valueOf(text, "drover_processes{state=\"RUNNING\"}") >= 1;
        });
        HttpResponse<String> scrape = send("GET", "/metrics", null, null, null);
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = scrape.body();
        for (String series : List.of("drover_reconcile_duration_seconds_bucket{result=\"ok\",le=\"0.005\"}",
                "drover_workqueue_depth ", "drover_leader ", "drover_cache_synced 1",
                "drover_etcd_request_duration_seconds_bucket{", "method=\"Range\"", "method=\"Txn\"",
                "drover_processes{state=\"STOPPED\"}", "drover_applications{state=\"RUNNING\"}",
                "drover_api_event_streams ")) {
            assertTrue(text.contains(series), series + " missing from\n" + text);
        }
    }

    private static double valueOf(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(-1.0);
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/openapi.json", null, null, null);
        assertEquals(200, answer.statusCode());
        JsonNode doc = json(answer);
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        Set<String> paths = new HashSet<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertEquals(Set.of("/healthz", "/v1/health", "/readyz", "/metrics", "/api/openapi.json",
                "/api/v1/applications", "/api/v1/applications/{name}", "/api/v1/applications/{name}/{action}",
                "/api/v1/applications/{name}/conciliate", "/api/v1/applicationsets", "/api/v1/applicationsets/{name}",
                "/api/v1/rulesets", "/api/v1/rulesets/{name}", "/api/v1/status/applications",
                "/api/v1/status/applications/{name}", "/api/v1/nodes", "/api/v1/processes",
                "/api/v1/processes/{app}/{process}/log", "/api/v1/processes/{app}/{process}/{action}",
                "/api/v1/events", "/api/v1/events/stream", "/api/v1/apply"), paths);
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("parameters")) {
                assertNotNull(op.getValue().get("responses"), path.getKey() + " " + op.getKey() + " has responses");
            }
        }));
    }
    // --- bad input ---

    private record Bad(String what, String method, String path, String token, String contentType, byte[] body,
                       int status, String code) {
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every request of the corpus gets a 4xx problem+json with a sentence, and writes nothing. */
    @Test
    void aCorpusOfBadRequestsIsRefusedWithClearProblemsAndWritesNothing() throws Exception {
        String yaml = "application/yaml";
        String json = "application/json";
        String xml = "application/xml";
        String ini = "text/x-ini";
        byte[] huge = new byte[ApiServer.Settings.DEFAULT_MAX_BODY_BYTES + 1024];
        java.util.Arrays.fill(huge, (byte) '#');
        List<Bad> corpus = List.of(
                new Bad("YAML that does not parse", "PUT", "/api/v1/apply", ADMIN, yaml,
                        utf8("apiVersion: drover.io/v1\nkind: Application\nmetadata: {name: corpus\n  spec: ["),
                        400, "INVALID_INPUT"),
                new Bad("YAML with a wrong type", "PUT", "/api/v1/apply", ADMIN, yaml,
                        utf8("apiVersion: drover.io/v1\nkind: Application\nmetadata:\n  name: corpus\nspec:\n"
                                + "  programs: not-a-list\n"), 400, "INVALID_INPUT"),
                new Bad("YAML alias bomb", "PUT", "/api/v1/apply", ADMIN, yaml,
                        utf8("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"), 400,
                        "INVALID_INPUT"),
                new Bad("an unknown kind", "PUT", "/api/v1/apply", ADMIN, yaml,
                        utf8("apiVersion: drover.io/v1\nkind: Widget\nmetadata:\n  name: corpus\n"), 400,
                        "INVALID_INPUT"),
                new Bad("JSON that does not parse", "PUT", "/api/v1/apply", ADMIN, json, utf8("{\"kind\": \"Appli"),
                        400, "INVALID_INPUT"),
                new Bad("JSON with wrong types", "PUT", "/api/v1/apply", ADMIN, json,
                        utf8("{\"apiVersion\":\"drover.io/v1\",\"kind\":\"Application\",\"metadata\":{\"name\":\"corpus\"},"
                                + "\"spec\":{\"programs\":[{\"name\":5,\"command\":[1,2]}]}}"), 400, "INVALID_INPUT"),
                new Bad("a path in a resource name", "PUT", "/api/v1/apply", ADMIN, json,
                        utf8("{\"apiVersion\":\"drover.io/v1\",\"kind\":\"Application\",\"metadata\":{\"name\":"
                                + "\"../../corpus\"},\"spec\":{\"programs\":[{\"name\":\"w\",\"command\":\"./w\"}]}}"),
                        400, "INVALID_INPUT"),
                new Bad("XML that does not parse", "PUT", "/api/v1/apply", ADMIN, xml, utf8("<root><application name="),
                        400, "INVALID_INPUT"),
                new Bad("XML with an external entity", "PUT", "/api/v1/apply", ADMIN, xml,
                        utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<root><application name=\"&x;\"/></root>"), 400, "INVALID_INPUT"),
                new Bad("an ini section that is not closed", "PUT", "/api/v1/apply", ADMIN, ini,
                        utf8("[program:corpus\ncommand=./corpus\n"), 400, "INVALID_INPUT"),
                new Bad("an ini that includes files", "PUT", "/api/v1/apply", ADMIN, ini,
                        utf8("[include]\nfiles = /etc/*.conf\n[program:corpus]\ncommand=./corpus\n"), 400,
                        "INVALID_INPUT"),
                new Bad("an empty body", "PUT", "/api/v1/apply", ADMIN, yaml, new byte[0], 400, "INVALID_INPUT"),
                new Bad("a body over the limit", "PUT", "/api/v1/apply", ADMIN, yaml, huge, 413, "TOO_LARGE"),
                new Bad("an unknown content type", "PUT", "/api/v1/apply", ADMIN, "text/plain", utf8("corpus"), 415,
                        "UNSUPPORTED_MEDIA_TYPE"),
                new Bad("a file name with a path", "PUT", "/api/v1/apply?filename=..%2F..%2Fetc%2Fpasswd", ADMIN, null,
                        utf8("corpus"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                new Bad("a resourceVersion that is not a number", "PUT", "/api/v1/apply?resourceVersion=latest", ADMIN,
                        yaml, utf8(app("corpus", 1)), 400, "INVALID_INPUT"),
                new Bad("an unknown resource", "GET", "/api/v1/widgets", VIEWER, null, null, 404, "NOT_FOUND"),
                new Bad("an unknown application", "GET", "/api/v1/applications/corpus", VIEWER, null, null, 404,
                        "NOT_FOUND"),
                new Bad("a traversal in an application name", "GET", "/api/v1/applications/..%2F..%2Fetc", VIEWER,
                        null, null, 400, null),
                new Bad("a traversal in a process command", "POST", "/api/v1/processes/corpus/..%2Fworker/start",
                        OPERATOR, null, null, 400, null),
                new Bad("a dot name in a process command", "POST", "/api/v1/processes/corpus/.hidden/start",
                        OPERATOR, null, null, 400, "INVALID_INPUT"),
                new Bad("a traversal in a log request", "GET", "/api/v1/processes/logapp/%2E%2E/log", VIEWER, null,
                        null, 400, null),
                new Bad("a command body that is not JSON", "POST", "/api/v1/applications/corpus/start", OPERATOR, json,
                        utf8("strategy=CONFIG"), 400, "INVALID_INPUT"),
                new Bad("a command body with a wrong type", "POST", "/api/v1/applications/corpus/start", OPERATOR,
                        json, utf8("{\"strategy\": 3}"), 400, "INVALID_INPUT"),
                new Bad("an events limit out of range", "GET", "/api/v1/events?limit=0", VIEWER, null, null, 400,
                        "INVALID_INPUT"),
                new Bad("no token", "PUT", "/api/v1/apply", null, yaml, utf8(app("corpus", 1)), 401, "UNAUTHORIZED"),
                new Bad("an unknown token", "PUT", "/api/v1/apply", "not-a-token", yaml, utf8(app("corpus", 1)), 401,
                        "UNAUTHORIZED"),
                new Bad("a viewer applying", "PUT", "/api/v1/apply", VIEWER, yaml, utf8(app("corpus", 1)), 403,
                        "FORBIDDEN"),
                new Bad("an operator deleting", "DELETE", "/api/v1/applications/corpus", OPERATOR, null, null, 403,
                        "FORBIDDEN"),
                new Bad("a viewer commanding a process", "POST", "/api/v1/processes/corpus/worker/stop", VIEWER, null,
                        null, 403, "FORBIDDEN"),
                new Bad("a method the path does not have", "PATCH", "/api/v1/applications", ADMIN, json, utf8("{}"),
                        404, null));
        List<String> failures = new ArrayList<>();
        for (Bad bad : corpus) {
            HttpResponse<String> answer = send(bad.method(), bad.path(), bad.token(), bad.contentType(), bad.body());
            String why = bad.what() + ": " + answer.statusCode() + " " + abbreviate(answer.body());
            if (bad.code() == null) {
                // refused by the router or the server before any handler: any 4xx will do, as long as it is one
                if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
                    failures.add(why);
                }
                continue;
            }
            if (answer.statusCode() != bad.status()
                    || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                failures.add(why);
                continue;
            }
            JsonNode problem = json(answer);
            if (!bad.code().equals(problem.path("code").asText()) || problem.path("detail").asText().isBlank()) {
                failures.add(why);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(store.getRaw(keys.application("corpus")).isEmpty(), "no application written");
        assertTrue(store.getRaw(keys.intent("corpus")).isEmpty(), "no intent written");
        assertTrue(store.listRaw(keys.ruleSetsPrefix()).items().isEmpty(), "no rule set written");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
