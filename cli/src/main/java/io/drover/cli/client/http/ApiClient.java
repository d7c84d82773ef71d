package io.drover.cli.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.json.Json;
import io.drover.cli.VersionProvider;
import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import io.drover.cli.client.config.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's REST API over {@link HttpClient}: JSON in and out, the bearer token on every request, and every
 * refusal turned into a {@link ServerError} carrying the problem's {@code detail} and an exit code.
 */
public final class ApiClient {

    /** How long one ordinary request may take; streams (watch, logs) have no limit. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final HttpClient http;
    private final ObjectMapper mapper = Json.mapper();

    public ApiClient(Connection connection) {
        this.connection = connection;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connection.certificateAuthority() != null) {
            builder.sslContext(TrustedCertificates.of(connection.certificateAuthority()));
        }
        this.http = builder.build();
    }

    public Connection connection() {
        return connection;
    }

    /** A path segment, escaped (names are checked by the server; this only keeps the URL well-formed). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    /** Sends a request and reads its JSON answer. */
    public JsonNode send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        try {
            return response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
        } catch (IOException e) {
            throw ClientException.error("the operator's answer to " + method + " " + path + " is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Opens a streamed answer (events, logs); the caller closes the stream. Refusals are thrown as for JSON. */
    public InputStream open(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response = exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw error(response.statusCode(), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(connection.resolve(path))
                .header("User-Agent", "drover/" + VersionProvider.version());
        if (connection.token() != null) {
            request.header("Authorization", "Bearer " + connection.token());
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new ClientException(ExitCode.TIMEOUT, "the operator at " + connection.server()
                    + " did not answer " + request.method() + " " + request.uri().getPath() + " in time");
        } catch (ConnectException e) {
            throw ClientException.error("cannot reach the operator at " + connection.server() + " (connection"
                    + " refused): is it running, and are --server or the context right?");
        } catch (IOException e) {
            throw ClientException.error("cannot talk to the operator at " + connection.server() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ExitCode.ERROR, "interrupted while waiting for the operator");
        }
    }

    private ServerError error(int status, byte[] body) {
        String detail = null;
        String code = null;
        List<String> details = new ArrayList<>();
        try {
            JsonNode problem = body.length == 0 ? null : mapper.readTree(body);
            if (problem != null && problem.isObject()) {
                detail = text(problem, "detail");
                code = text(problem, "code");
                for (JsonNode error : problem.path("errors")) {
                    String text = error.isTextual() ? error.asText() : text(error, "text");
                    if (text == null) {
                        text = text(error, "message");
                    }
                    if (text != null) {
                        details.add(text);
                    }
                }
                if (detail == null) {
                    detail = text(problem, "title");
                }
            }
        } catch (IOException notJson) {
            // a proxy's HTML page, say: the status alone tells what happened
        }
        String message = detail == null ? "the operator answered HTTP " + status : detail;
        if (status == 401) {
            message += "; give --token, set DROVER_TOKEN or put a token in the context";
        }
        return new ServerError(status, code, code == null ? message : message + " (" + code + ")", details);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
