package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.testing.etcd.EtcdExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API as users meet it: {@code drover operator} over HTTPS with tokens, {@code drover agent} serving its
 * logs with the agents' token, both as separate processes. An application applied through the API runs, its output
 * is read through the operator (the real agent's log server behind it), the event stream tells about it, metrics
 * show the etcd latency the operator measured, and a process command is accepted.
 */
class ApiEndToEndIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TTL = "2s";
    private static final String ADMIN = "admin-token-e2e-0001";
    private static final String VIEWER = "viewer-token-e2e-001";
    private static final String AGENT_TOKEN = "agent-token-e2e-000001";
    private static final String PASSWORD = "keystore-e2e-pass";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private final Keyspace keys = Keyspace.withPrefix(etcd.freshPrefix());
    private final List<DroverProcess> daemons = new ArrayList<>();
    private HttpClient https;
    private int apiPort;

    @AfterEach
    void tearDown() throws Exception {
        for (DroverProcess daemon : daemons) {
            daemon.close();
        }
        DroverProcess.keepLogs(dir, "ApiEndToEndIT");
    }

    private void daemon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix()));
        daemons.add(DroverProcess.start(dir.resolve(name + ".log"), all.toArray(String[]::new)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean answers(String path) {
        try {
            return send("GET", path, VIEWER, null, null).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void anApplicationAppliedOverHttpsRunsAndItsLogIsReadThroughTheOperator() throws Exception {
        Path keystore = dir.resolve("api.p12");
        keytool("-genkeypair", "-alias", "drover", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path password = Files.writeString(dir.resolve("keystore-password"), PASSWORD + "\n");
        Path tokens = Files.writeString(dir.resolve("tokens"), ADMIN + " admin\n" + VIEWER + " viewer\n");
        Path agentToken = Files.writeString(dir.resolve("agent-token"), AGENT_TOKEN + "\n");
        https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5)).build();
        apiPort = freePort();
        int agentPort = freePort();

        daemon("server_1", "agent", "--node-id", "server_1", "--lease-ttl", TTL,
                "--state-dir", dir.resolve("server_1/state").toString(), "--log-dir", dir.resolve("server_1/log").toString(),
                "--here", dir.toString(), "--http-address", "127.0.0.1:" + agentPort,
                "--agent-endpoint", "http://127.0.0.1:" + agentPort, "--api-token-file", agentToken.toString());
        daemon("operator", "operator", "--id", "op-1", "--lease-ttl", TTL, "--node-lease-ttl", TTL,
                "--http-host", "127.0.0.1", "--http-port", Integer.toString(apiPort),
                "--api-tokens-file", tokens.toString(), "--agent-token-file", agentToken.toString(),
                "--tls-keystore", keystore.toString(), "--tls-keystore-password-file", password.toString());
        await().atMost(WITHIN).until(() -> answers("/readyz"));

        List<String> streamed = new CopyOnWriteArrayList<>();
        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + apiPort
                + "/api/v1/events/stream")).header("Authorization", "Bearer " + VIEWER).build();
        var stream = https.sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> {
                    try (Stream<String> lines = response.body()) {
                        lines.forEach(streamed::add);
                    } catch (RuntimeException closed) {
                        // the operator stopped
                    }
                });
        await().atMost(WITHIN).until(() -> streamed.stream().anyMatch(line -> line.startsWith(": drover change feed")));

        String manifest = """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: hello
                spec:
                  programs:
                  - name: greeter
                    command: sh -c 'echo hello from drover; exec sleep 600'
                    startSecs: 0
                """;
        HttpResponse<String> applied = send("PUT", "/api/v1/apply", ADMIN, "application/yaml", manifest);
        assertEquals(200, applied.statusCode(), applied.body());

        await().atMost(WITHIN).until(() -> {
            JsonNode rows = Json.mapper().readTree(send("GET", "/api/v1/processes?application=hello", VIEWER, null,
                    null).body()).get("items");
            return rows.size() == 1 && "RUNNING".equals(rows.get(0).path("state").asText());
        });
        await().atMost(WITHIN).until(() -> {
            HttpResponse<String> log = send("GET", "/api/v1/processes/hello/greeter/log?offset=-200", VIEWER, null,
                    null);
            return log.statusCode() == 200 && log.body().contains("hello from drover");
        });
        HttpResponse<String> missing = send("GET", "/api/v1/processes/hello/nobody/log", VIEWER, null, null);
        assertEquals(404, missing.statusCode(), missing.body());

        await().atMost(WITHIN).until(() -> streamed.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("\"kind\":\"Application\"") && line.contains("\"name\":\"hello\""))
                && streamed.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("\"kind\":\"ProcessStatus\"") && line.contains("\"name\":\"hello/greeter\"")));

        String metrics = send("GET", "/metrics", null, null, null).body();
        assertTrue(metrics.contains("drover_etcd_request_duration_seconds_count{method=\"Range\""), metrics);
        assertTrue(metrics.contains("drover_leader 1.0"), metrics);

        HttpResponse<String> stop = send("POST", "/api/v1/processes/hello/greeter/stop", ADMIN, null, null);
        assertEquals(202, stop.statusCode(), stop.body());
        stream.cancel(true);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), output);
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("drover", server.getCertificate("drover"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
