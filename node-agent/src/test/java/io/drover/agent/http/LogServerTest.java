package io.drover.agent.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.process.LocalSupervisor;
import io.drover.agent.process.ProcessDefinition;
import io.drover.agent.process.ShutdownMode;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.model.ProgramSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogServerTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private LocalSupervisor supervisor;
    private LogServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        supervisor = new LocalSupervisor(SupervisorSettings.of("server_1", dir.resolve("log"), dir.resolve("state"))
                .withHere(dir), snapshot -> { });
        supervisor.recover();
        server = LogServer.start(supervisor, new InetSocketAddress("127.0.0.1", 0), TOKEN);
        ProgramSpec talker = ProgramSpec.builder("talker")
                .command("sh -c 'echo first line; echo oops >&2; exec sleep 300'").startSecs(0).build();
        supervisor.start(ProcessDefinition.single("app", talker, "h1"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        supervisor.shutdown(ShutdownMode.STOP_ALL, Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheTailOfEachStream() {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/v1/logs/app/talker", TOKEN).body().contains("first line"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/v1/logs/app/talker?stream=stderr", TOKEN).body()
                .contains("oops"));
    }

    @Test
    void readsFromAnOffsetAndSaysWhereToGoOn() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/v1/logs/app/talker", TOKEN).body().contains("first line"));

        HttpResponse<String> part = get("/v1/logs/app/talker?offset=6&length=4", TOKEN);

        assertEquals("line", part.body());
        assertEquals("10", part.headers().firstValue("X-Drover-Next-Offset").orElseThrow());
    }

    @Test
    void refusesCallersWithoutTheToken() throws Exception {
        assertEquals(401, get("/v1/logs/app/talker", null).statusCode());
        assertEquals(401, get("/v1/logs/app/talker", "wrong-token-of-some-length").statusCode());
    }

    @Test
    void anUnknownProcessIsNotFoundAndABadRequestIsExplained() throws Exception {
        HttpResponse<String> missing = get("/v1/logs/app/nobody", TOKEN);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("runs no process app:nobody"), missing.body());

        HttpResponse<String> bad = get("/v1/logs/app/talker?stream=both", TOKEN);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("stream must be stdout or stderr"), bad.body());
    }
}
