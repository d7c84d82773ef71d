package io.drover.operator.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.DesiredState;
import io.drover.api.state.EventRecord;
import io.drover.api.state.EventType;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.EtcdExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST API on a real Javalin (random port) over a real etcd, with one operator replica and a simulated agent:
 * every endpoint, the roles, optimistic concurrency, dry runs and problem+json answers to bad input.
 */
class ApiServerIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String ADMIN = "admin-token-0001";
    private static final String OPERATOR = "operator-token-01";
    private static final String VIEWER = "viewer-token-0001";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private static EtcdStore store;
    private static Keyspace keys;
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static ApiServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
        running.add(SimulatedAgent.start(store, keys, "server_1", TTL, "server"));
        OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-1", keys, TTL, TTL,
                Duration.ofSeconds(5), PlannerSettings.defaults().withEventSource("operator/op-1")), store);
        running.add(operator);
        server = ApiServer.start("op-1", operator, store, new ApiServer.Settings("127.0.0.1", 0,
                ApiTokens.of(Map.of(ADMIN, Role.ADMIN, OPERATOR, Role.OPERATOR, VIEWER, Role.VIEWER))));
        running.add(server);
        await().atMost(WITHIN).until(() -> send("GET", "/readyz", null, null, null).statusCode() == 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    // --- HTTP helpers ---

    private static HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
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

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, VIEWER, null, null);
    }

    private static HttpResponse<String> applyYaml(String query, String yaml) throws IOException, InterruptedException {
        return send("PUT", "/api/v1/apply" + query, ADMIN, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    /** Asserts a problem+json answer with this status and code, and returns it. */
    private static JsonNode problem(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().map().toString());
        JsonNode body = json(response);
        assertEquals(status, body.get("status").asInt());
        assertEquals(code, body.get("code").asText(), response.body());
        assertNotNull(body.get("title"));
        assertNotNull(body.get("type"));
        assertFalse(body.get("detail").asText().isBlank());
        return body;
    }

    private static String actionOf(JsonNode applied, String kind, String name) {
        for (JsonNode resource : applied.get("resources")) {
            if (resource.get("kind").asText().equals(kind) && resource.get("name").asText().equals(name)) {
                return resource.get("action").asText();
            }
        }
        throw new AssertionError(kind + " " + name + " not in " + applied);
    }

    private static String app(String name, String command) {
        return """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  programs:
                  - name: worker
                    command: %s
                """.formatted(name, command);
    }

    private static long keyCount() {
        return store.listRaw(keys.versionPrefix() + "applications/").items().size()
                + store.listRaw(keys.ruleSetsPrefix()).items().size()
                + store.listRaw(keys.intentsPrefix()).items().size();
    }

    // --- tests ---

    @Test
    void healthEndpointsAreOpen() throws Exception {
        HttpResponse<String> health = send("GET", "/healthz", null, null, null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).get("status").asText());
        assertEquals(200, send("GET", "/readyz", null, null, null).statusCode());
        assertEquals(200, send("GET", "/v1/health", null, null, null).statusCode());
    }

    @Test
    void tokensAndRolesAreEnforced() throws Exception {
        HttpResponse<String> missing = send("GET", "/api/v1/applications", null, null, null);
        problem(missing, 401, "UNAUTHORIZED");
        assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        problem(send("GET", "/api/v1/applications", "not-a-valid-token", null, null), 401, "UNAUTHORIZED");
        JsonNode basic = problem(send("GET", "/api/v1/applications", null, null, null), 401, "UNAUTHORIZED");
        assertFalse(basic.toString().contains(ADMIN));
        assertEquals(200, get("/api/v1/applications").statusCode());

        byte[] yaml = app("roles", "./roles").getBytes(StandardCharsets.UTF_8);
        problem(send("PUT", "/api/v1/apply", VIEWER, "application/yaml", yaml), 403, "FORBIDDEN");
        problem(send("PUT", "/api/v1/apply", OPERATOR, "application/yaml", yaml), 403, "FORBIDDEN");
        problem(send("POST", "/api/v1/applications/roles/start", VIEWER, null, null), 403, "FORBIDDEN");
        problem(send("DELETE", "/api/v1/applications/roles", OPERATOR, null, null), 403, "FORBIDDEN");
        assertTrue(store.getRaw(keys.application("roles")).isEmpty(), "nothing written by refused requests");
    }

    @Test
    void anApplicationSetIsListedReadAndDeletedWithTheApplicationsItMade() throws Exception {
        String yaml = """
                apiVersion: drover.io/v1
                kind: ApplicationSet
                metadata:
                  name: fleet
                spec:
                  replicas: 2
                  nameTemplate: "fleet_{index:02}"
                  template:
                    spec:
                      programs:
                      - name: worker
                        command: ./fleet
                """;
        HttpResponse<String> applied = applyYaml("", yaml);
        assertEquals(200, applied.statusCode(), applied.body());
        JsonNode list = json(get("/api/v1/applicationsets"));
        assertEquals("ApplicationSetList", list.get("kind").asText());
        assertTrue(StreamSupport.stream(list.get("items").spliterator(), false)
                .anyMatch(i -> i.get("metadata").get("name").asText().equals("fleet")), list.toString());
        JsonNode one = json(get("/api/v1/applicationsets/fleet"));
        assertEquals(2, one.get("spec").get("replicas").asInt());
        assertTrue(one.get("metadata").get("resourceVersion").asLong() > 0);
        problem(get("/api/v1/applicationsets/nosuchset"), 404, "NOT_FOUND");
        assertTrue(store.getRaw(keys.application("fleet_02")).isPresent());

        problem(send("DELETE", "/api/v1/applicationsets/fleet", OPERATOR, null, null), 403, "FORBIDDEN");
        HttpResponse<String> deleted = send("DELETE", "/api/v1/applicationsets/fleet", ADMIN, null, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(List.of("fleet_01", "fleet_02"), StreamSupport.stream(json(deleted).get("applications").spliterator(),
                false).map(JsonNode::asText).toList());
        assertTrue(store.getRaw(keys.applicationSet("fleet")).isEmpty());
        assertTrue(store.getRaw(keys.application("fleet_01")).isEmpty() && store.getRaw(keys.application("fleet_02")).isEmpty());
    }

    @Test
    void applyCreatesThenReportsUnchangedAndGetShowsTheResourceVersion() throws Exception {
        String yaml = app("shop", "./shop");
        await().atMost(WITHIN).until(() -> json(get("/api/v1/nodes")).get("items").size() > 0);
        HttpResponse<String> dry = applyYaml("?dryRun=true", yaml);
        assertEquals(200, dry.statusCode(), dry.body());
        assertEquals("created", actionOf(json(dry), "Application", "shop"));
        assertTrue(json(dry).get("dryRun").asBoolean());
        JsonNode preview = json(dry).get("placementPreview");
        assertEquals("shop", preview.get(0).get("application").asText(), dry.body());
        assertEquals("server_1", preview.get(0).get("placement").get("worker").asText(),
                "the preview says where the worker would start: " + dry.body());
        assertTrue(store.getRaw(keys.application("shop")).isEmpty(), "a dry run writes nothing");

        HttpResponse<String> created = applyYaml("", yaml);
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("created", actionOf(json(created), "Application", "shop"));
        long version = store.getRaw(keys.application("shop")).orElseThrow().modRevision();
        assertEquals(version, json(created).get("resources").get(0).get("resourceVersion").asLong());

        await().atMost(WITHIN).until(() -> get("/api/v1/applications/shop").statusCode() == 200);
        JsonNode one = json(get("/api/v1/applications/shop"));
        assertEquals(version, one.get("metadata").get("resourceVersion").asLong());
        assertEquals("./shop", one.get("spec").get("programs").get(0).get("command").asText());
        JsonNode list = json(get("/api/v1/applications"));
        assertEquals("ApplicationList", list.get("kind").asText());
        assertTrue(StreamSupport.stream(list.get("items").spliterator(), false)
                .anyMatch(i -> i.get("metadata").get("name").asText().equals("shop")));

        assertEquals("unchanged", actionOf(json(applyYaml("", yaml)), "Application", "shop"));
        assertEquals(version, store.getRaw(keys.application("shop")).orElseThrow().modRevision());

        HttpResponse<String> dryChange = applyYaml("?dryRun=true", app("shop", "./shop2"));
        assertEquals("changed", actionOf(json(dryChange), "Application", "shop"));
        JsonNode diff = json(dryChange).get("resources").get(0).get("diff");
        List<String> lines = StreamSupport.stream(diff.spliterator(), false).map(JsonNode::asText).toList();
        assertTrue(lines.contains("-    command: ./shop") && lines.contains("+    command: ./shop2"), lines.toString());
        assertEquals(version, store.getRaw(keys.application("shop")).orElseThrow().modRevision(),
                "a dry run of a change writes nothing");
        problem(get("/api/v1/applications/nothere"), 404, "NOT_FOUND");
    }

    @Test
    void aStaleResourceVersionIsAConflict() throws Exception {
        assertEquals(200, applyYaml("", app("ledger", "./v1")).statusCode());
        long first = store.getRaw(keys.application("ledger")).orElseThrow().modRevision();
        HttpResponse<String> second = applyYaml("?resourceVersion=" + first, app("ledger", "./v2"));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("changed", actionOf(json(second), "Application", "ledger"));
        long now = store.getRaw(keys.application("ledger")).orElseThrow().modRevision();

        problem(applyYaml("?resourceVersion=" + first, app("ledger", "./v3")), 409, "CONFLICT");
        String annotated = app("ledger", "./v3").replace("  name: ledger\n", "  name: ledger\n  annotations:\n"
                + "    drover.io/resource-version: \"" + first + "\"\n");
        problem(applyYaml("", annotated), 409, "CONFLICT");
        problem(applyYaml("?resourceVersion=0", app("ledger", "./v3")), 409, "CONFLICT");
        assertEquals(now, store.getRaw(keys.application("ledger")).orElseThrow().modRevision(), "nothing written");

        problem(send("DELETE", "/api/v1/applications/ledger?resourceVersion=" + first, ADMIN, null, null),
                409, "CONFLICT");
        HttpResponse<String> deleted = send("DELETE", "/api/v1/applications/ledger?resourceVersion=" + now, ADMIN,
                null, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(store.getRaw(keys.application("ledger")).isEmpty());
        await().atMost(WITHIN).until(() -> get("/api/v1/applications/ledger").statusCode() == 404);
        problem(send("DELETE", "/api/v1/applications/ledger", ADMIN, null, null), 404, "NOT_FOUND");
    }

    @Test
    void appliesSupvisorsRulesAndSupervisorConfiguration() throws Exception {
        String rules = """
                <?xml version="1.0" encoding="UTF-8"?>
                <root>
                    <application name="billing">
                        <start_sequence>1</start_sequence>
                        <starting_strategy>LESS_LOADED</starting_strategy>
                    </application>
                </root>
                """;
        HttpResponse<String> xml = send("PUT", "/api/v1/apply?filename=site-rules.xml", ADMIN, "application/xml",
                rules.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, xml.statusCode(), xml.body());
        String ruleSet = json(xml).get("resources").get(0).get("name").asText();
        assertEquals("RuleSet", json(xml).get("resources").get(0).get("kind").asText());
        await().atMost(WITHIN).until(() -> get("/api/v1/rulesets/" + ruleSet).statusCode() == 200);
        assertTrue(json(get("/api/v1/rulesets")).get("items").size() >= 1);

        String conf = """
                [group:billing]
                programs=ledger_writer

                [program:ledger_writer]
                command=/bin/sleep 1000
                """;
        HttpResponse<String> ini = send("PUT", "/api/v1/apply?filename=billing.conf", ADMIN, "text/plain",
                conf.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ini.statusCode(), ini.body());
        assertEquals("created", actionOf(json(ini), "Application", "billing"));
        await().atMost(WITHIN).until(() -> get("/api/v1/applications/billing").statusCode() == 200);

        HttpResponse<String> deleted = send("DELETE", "/api/v1/rulesets/" + ruleSet, ADMIN, null, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        await().atMost(WITHIN).until(() -> get("/api/v1/rulesets/" + ruleSet).statusCode() == 404);
    }

    @Test
    void badInputIsAProblemWithEveryDiagnosticAndWritesNothing() throws Exception {
        long before = keyCount();
        JsonNode yaml = problem(applyYaml("", "apiVersion: drover.io/v1\nkind: Application\nmetadata: [oops\n"),
                400, "INVALID_INPUT");
        assertEquals("manifest.yaml", yaml.get("errors").get(0).get("file").asText(), yaml.toString());
        assertTrue(yaml.get("errors").get(0).get("line").asInt() > 0, yaml.toString());

        JsonNode unknown = problem(applyYaml("", app("typo", "./typo") + "    startSecz: 3\n"), 400, "INVALID_INPUT");
        assertTrue(unknown.get("errors").toString().contains("startSecz"), unknown.toString());
        assertEquals("manifest.yaml:9:5", unknown.get("errors").get(0).get("location").asText(), unknown.toString());
        assertEquals("error", unknown.get("errors").get(0).get("severity").asText());

        JsonNode twoErrors = problem(applyYaml("?filename=two.yaml", app("a1", "./a") + "    startSecz: 3\n---\n"
                + app("a2", "./b") + "    stopSignl: TERM\n"), 400, "INVALID_INPUT");
        assertEquals(2, twoErrors.get("errors").size(), twoErrors.toString());
        assertEquals("two.yaml:9:5", twoErrors.get("errors").get(0).get("location").asText(), twoErrors.toString());
        assertEquals("two.yaml:19:5", twoErrors.get("errors").get(1).get("location").asText(), twoErrors.toString());

        problem(send("PUT", "/api/v1/apply", ADMIN, "application/json", "{\"apiVersion\": ".getBytes()),
                400, "INVALID_INPUT");
        problem(send("PUT", "/api/v1/apply", ADMIN, "application/xml", "<root><application name=\"x\">".getBytes()),
                400, "INVALID_INPUT");
        problem(send("PUT", "/api/v1/apply?filename=bad.ini", ADMIN, null, "[program:x\ncommand=".getBytes()),
                400, "INVALID_INPUT");
        problem(send("PUT", "/api/v1/apply?filename=inc.conf", ADMIN, null,
                "[include]\nfiles=/etc/*.conf\n".getBytes()), 400, "INVALID_INPUT");
        problem(send("PUT", "/api/v1/apply", ADMIN, "image/png", new byte[] {1, 2, 3}), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(send("PUT", "/api/v1/apply?filename=../../etc/passwd", ADMIN, null, "x: y".getBytes()),
                415, "UNSUPPORTED_MEDIA_TYPE");
        problem(send("PUT", "/api/v1/apply", ADMIN, "application/yaml", new byte[0]), 400, "INVALID_INPUT");
        problem(applyYaml("", app("bad/name", "./x")), 400, "INVALID_INPUT");

        byte[] huge = new byte[4 * 1024 * 1024 + 16];
        java.util.Arrays.fill(huge, (byte) 'a');
        problem(send("PUT", "/api/v1/apply", ADMIN, "application/yaml", huge), 413, "TOO_LARGE");

        problem(get("/api/v1/applications/.hidden"), 400, "INVALID_INPUT");
        problem(get("/api/v1/applications/%2E%2E"), 400, "INVALID_INPUT");
        problem(get("/api/v1/nowhere"), 404, "NOT_FOUND");
        problem(get("/api/v1/events?limit=0"), 400, "INVALID_INPUT");
        problem(get("/api/v1/processes?application=a%2Fb"), 400, "INVALID_INPUT");
        assertEquals(before, keyCount(), "nothing written by bad requests");
    }

    @Test
    void commandsWriteIntentsAndTheViewsShowTheApplicationRunning() throws Exception {
        problem(send("POST", "/api/v1/applications/ghost/start", OPERATOR, null, null), 404, "NOT_FOUND");
        assertEquals(200, applyYaml("", app("radar", "./radar")).statusCode());

        problem(send("POST", "/api/v1/applications/radar/start?strategy=FASTEST", OPERATOR, null, null),
                400, "BAD_STRATEGY");
        problem(send("POST", "/api/v1/applications/radar/launch", OPERATOR, null, null), 404, "NOT_FOUND");

        HttpResponse<String> start = send("POST", "/api/v1/applications/radar/start", OPERATOR, "application/json",
                "{\"strategy\": \"less_loaded\"}".getBytes());
        assertEquals(202, start.statusCode(), start.body());
        Intent started = store.get(keys.intent("radar"), Intent.class).map(Versioned::value).orElseThrow();
        assertEquals(DesiredState.RUNNING, started.desired());
        assertEquals("LESS_LOADED", started.strategy());

        await().atMost(WITHIN).until(() -> {
            HttpResponse<String> status = get("/api/v1/status/applications/radar");
            return status.statusCode() == 200 && json(status).get("status").get("state").asText().equals("RUNNING");
        });
        assertTrue(json(get("/api/v1/status/applications")).get("items").size() >= 1);
        await().atMost(WITHIN).until(() -> {
            JsonNode processes = json(get("/api/v1/status/applications/radar")).get("processes");
            return processes.size() == 1 && processes.get(0).path("state").asText().equals("RUNNING")
                    && processes.get(0).path("desired").asText().equals("RUNNING")
                    && processes.get(0).path("node").asText().equals("server_1");
        });
        await().atMost(WITHIN).until(() -> {
            JsonNode items = json(get("/api/v1/processes?application=radar")).get("items");
            return items.size() == 1 && items.get(0).path("state").asText().equals("RUNNING")
                    && items.get(0).path("desired").asText().equals("RUNNING")
                    && items.get(0).path("node").asText().equals("server_1");
        });
        JsonNode nodes = json(get("/api/v1/nodes")).get("items");
        JsonNode server1 = StreamSupport.stream(nodes.spliterator(), false)
                .filter(n -> n.get("name").asText().equals("server_1")).findFirst().orElseThrow();
        assertTrue(server1.get("alive").asBoolean());
        assertEquals("server_1", server1.get("info").get("nodeId").asText());

        HttpResponse<String> restart = send("POST", "/api/v1/applications/radar/restart", OPERATOR, null, null);
        assertEquals(202, restart.statusCode(), restart.body());
        assertEquals(IntentAction.RESTART, store.get(keys.intent("radar"), Intent.class).orElseThrow().value().action());

        problem(send("POST", "/api/v1/applications/radar/start?strategy=LOCAL", OPERATOR, null, null),
                400, "BAD_STRATEGY");
        problem(send("POST", "/api/v1/applications/radar/stop?wait=forever", OPERATOR, null, null), 400, "INVALID_INPUT");
        HttpResponse<String> stopped = send("POST", "/api/v1/applications/radar/stop?wait=60s", OPERATOR, null, null);
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals("STOPPED", json(stopped).get("status").get("state").asText(), "answered once carried out");

        HttpResponse<String> local = send("POST", "/api/v1/applications/radar/start?node=server_1&wait=60s", OPERATOR,
                null, null);
        assertEquals(200, local.statusCode(), local.body());
        assertEquals("RUNNING", json(local).get("status").get("state").asText());
        Intent onNode = store.get(keys.intent("radar"), Intent.class).orElseThrow().value();
        assertEquals("LOCAL", onNode.strategy());
        assertEquals("server_1", onNode.targetNode());
        long before = store.getRaw(keys.intent("radar")).orElseThrow().modRevision();
        problem(send("POST", "/api/v1/applications/radar/start", OPERATOR, null, null), 409, "ALREADY_RUNNING");
        assertEquals(before, store.getRaw(keys.intent("radar")).orElseThrow().modRevision(), "nothing written");

        HttpResponse<String> stop = send("POST", "/api/v1/applications/radar/stop", ADMIN, null, null);
        assertEquals(202, stop.statusCode(), stop.body());
        assertEquals(DesiredState.STOPPED, store.get(keys.intent("radar"), Intent.class).orElseThrow().value()
                .desired());
        await().atMost(WITHIN).until(() -> json(get("/api/v1/status/applications/radar")).get("status")
                .get("state").asText().equals("STOPPED"));
    }

    @Test
    void eventsAreFilteredByApplicationAndLimitedNewestLast() throws Exception {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.put(keys.event(base.plusSeconds(i), "t" + i), new EventRecord(base.plusSeconds(i), "test",
                    EventType.NORMAL, i % 2 == 0 ? "application/evt" : "process/other/p", "Tested", "event " + i));
        }
        JsonNode events = json(get("/api/v1/events?application=evt&limit=2")).get("items");
        assertEquals(2, events.size(), events.toString());
        assertEquals("event 2", events.get(0).get("message").asText());
        assertEquals("event 4", events.get(1).get("message").asText());
        assertTrue(json(get("/api/v1/events")).get("items").size() >= 5);
    }

    @Test
    void withoutTokensTheServerIsOpenOnLoopbackOnlyAndRefusesOtherAddresses() throws Exception {
        OperatorNode operator = (OperatorNode) running.get(1);
        try (ApiServer open = ApiServer.start("op-1", operator, store, new ApiServer.Settings("127.0.0.1", 0, null))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + open.port() + "/api/v1/nodes")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ApiServer.start("op-1",
                operator, store, new ApiServer.Settings("0.0.0.0", 0, null)));
        assertTrue(refused.getMessage().contains("tokens"), refused.getMessage());
    }
}
