package io.drover.operator.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.store.EtcdStore;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import io.drover.testing.etcd.EtcdExtension;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API hardened: HTTPS with a keystore made by {@code keytool} for the test, health and metrics behind a token
 * ({@code --auth-health}), a small configured body limit, and secrets kept out of what is printed.
 */
class ApiSecurityIT {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final String VIEWER = "viewer-token-0001";
    private static final String ADMIN = "admin-token-0001";
    private static final String PASSWORD = "keystore-pass-1";
    private static final int MAX_BODY = 2048;

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path folder;

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static ApiServer server;
    private static HttpClient https;
    private static Path keystore;

    @BeforeAll
    static void setUp() throws Exception {
        keystore = folder.resolve("api.p12");
        keytool("-genkeypair", "-alias", "drover", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path passwordFile = Files.writeString(folder.resolve("password"), PASSWORD + "\n");

        EtcdStore store = etcd.store();
        Keyspace keys = Keyspace.withPrefix(etcd.freshPrefix());
        OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-tls", keys, TTL, TTL,
                Duration.ofSeconds(5), PlannerSettings.defaults().withEventSource("operator/op-tls")), store);
        running.add(operator);
        server = ApiServer.start("op-tls", operator, store, new ApiServer.Settings("127.0.0.1", 0,
                ApiTokens.of(Map.of(ADMIN, Role.ADMIN, VIEWER, Role.VIEWER)), MAX_BODY)
                .withAuthHealth(true).withTls(TlsSettings.of(keystore, passwordFile)));
        running.add(server);
        https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(20)).until(() -> send("GET", "/readyz", VIEWER, null).statusCode() == 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
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

    /** A client context trusting exactly the server's self-signed certificate. */
    private static SSLContext trusting(Path keystoreFile) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystoreFile)) {
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

    private static HttpResponse<String> send(String method, String path, String token, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/yaml");
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiIsServedOverHttpsOnly() throws Exception {
        HttpResponse<String> health = send("GET", "/healthz", VIEWER, null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("ok", Json.mapper().readTree(health.body()).get("status").asText());
        // plain HTTP on the TLS port gets no answer from the API
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + VIEWER).build();
        try {
            HttpResponse<String> answer = plain.send(request, HttpResponse.BodyHandlers.ofString());
            assertNotEquals(200, answer.statusCode(), answer.body());
        } catch (IOException refused) {
            // the TLS connector closed the connection: as good
        }
    }

    @Test
    void healthAndMetricsNeedATokenWhenAsked() throws Exception {
        for (String path : List.of("/healthz", "/readyz", "/v1/health", "/metrics")) {
            HttpResponse<String> anonymous = send("GET", path, null, null);
            assertEquals(401, anonymous.statusCode(), path);
            assertEquals("UNAUTHORIZED", Json.mapper().readTree(anonymous.body()).get("code").asText());
            assertEquals(200, send("GET", path, VIEWER, null).statusCode(), path);
        }
        assertEquals(200, send("GET", "/api/openapi.json", null, null).statusCode(), "the document stays open");
    }

    @Test
    void theConfiguredBodyLimitAnswers413() throws Exception {
        byte[] body = ("# padding\n".repeat(MAX_BODY / 10 + 10)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = send("PUT", "/api/v1/apply", ADMIN, body);
        assertEquals(413, answer.statusCode(), answer.body());
        JsonNode problem = Json.mapper().readTree(answer.body());
        assertEquals("TOO_LARGE", problem.get("code").asText());
        assertTrue(problem.get("detail").asText().contains(Integer.toString(MAX_BODY)));
    }

    @Test
    void aWrongKeystorePasswordFailsClearlyAndSecretsAreNotPrinted() throws Exception {
        Path wrong = Files.writeString(folder.resolve("wrong"), "not-the-password\n");
        IOException refused = assertThrows(IOException.class, () -> TlsSettings.of(keystore, wrong));
        assertTrue(refused.getMessage().contains("cannot open keystore"), refused.getMessage());
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, ApiTokens.of(Map.of(ADMIN, Role.ADMIN)))
                .withTls(new TlsSettings(keystore, PASSWORD)).withAgentToken("agent-secret-000001");
        String printed = settings.toString();
        assertFalse(printed.contains(PASSWORD), printed);
        assertFalse(printed.contains("agent-secret-000001"), printed);
        assertFalse(printed.contains(ADMIN), printed);
    }
}
