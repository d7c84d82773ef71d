package io.drover.agent.http;

import io.drover.agent.logs.LogFile;
import io.drover.agent.logs.ProcessLogs;
import io.drover.agent.process.LocalSupervisor;
import io.drover.agent.process.ProcessKey;
import io.drover.api.model.Names;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's small HTTP endpoint, serving the output of its processes to the operator's API (which proxies it to
 * users): {@code GET /v1/logs/{application}/{process}?stream=stdout|stderr&offset=N&length=N&follow=true}.
 * A negative offset reads the tail; {@code follow} waits a few seconds for output beyond the offset. Every request
 * needs {@code Authorization: Bearer <token>}; it is off the hot path of supervision.
 */
public final class LogServer implements AutoCloseable {

    private static final int DEFAULT_LENGTH = 64 * 1024;
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(10);
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    private final Javalin app;
    private final LocalSupervisor supervisor;
    private final byte[] token;

    private LogServer(LocalSupervisor supervisor, String token) {
        this.supervisor = supervisor;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 16 * 1024;
        });
        app.beforeMatched(this::authenticate);
        app.get("/v1/logs/{application}/{process}", this::serveLog);
        app.get("/v1/health", ctx -> ctx.result("ok"));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(error(e.getMessage())));
    }

    /** Serves on {@code address} (port 0 picks a free one) for callers presenting {@code token}. */
    public static LogServer start(LocalSupervisor supervisor, InetSocketAddress address, String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the agent's API token must have at least 16 characters");
        }
        LogServer server = new LogServer(supervisor, token);
        server.app.start(address.getHostString(), address.getPort());
        return server;
    }

    public int port() {
        return app.port();
    }

    private void authenticate(Context ctx) {
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        byte[] presented = header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
        // constant time: the comparison must not tell how much of a guess was right
        if (!MessageDigest.isEqual(presented, token)) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(error("a valid 'Authorization: Bearer <token>' header is required"));
            ctx.skipRemainingHandlers();
        }
    }

    private void serveLog(Context ctx) throws IOException, InterruptedException {
        String application = ctx.pathParam("application");
        String process = ctx.pathParam("process");
        Names.problem("application", application).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Names.problem("process", process).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String stream = Optional.ofNullable(ctx.queryParam("stream")).orElse("stdout");
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw new IllegalArgumentException("stream must be stdout or stderr, not '" + stream + "'");
        }
        long offset = longParam(ctx, "offset", -DEFAULT_LENGTH);
        int length = (int) Math.min(LogSlice.MAX_LENGTH, Math.max(0, longParam(ctx, "length", DEFAULT_LENGTH)));
        boolean follow = Boolean.parseBoolean(ctx.queryParam("follow"));

        Optional<ProcessLogs> logs = supervisor.logs(new ProcessKey(application, process));
        if (logs.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(error("this node runs no process " + application + ":" + process));
            return;
        }
        LogFile file = "stdout".equals(stream) || logs.get().stderrToStdout() ? logs.get().stdout() : logs.get().stderr();
        if (file == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(error(application + ":" + process + " keeps no " + stream + " log"
                    + " (its logfile is NONE)"));
            return;
        }
        LogSlice slice = LogSlice.read(file.path(), offset, length);
        long deadline = System.nanoTime() + FOLLOW_WAIT.toNanos();
        while (follow && slice.bytes().length == 0 && System.nanoTime() < deadline) {
            // long poll: the caller asked to wait for new output
            Thread.sleep(FOLLOW_POLL.toMillis());
            slice = LogSlice.read(file.path(), slice.offset(), length);
        }
        ctx.header("X-Drover-Offset", Long.toString(slice.offset()));
        ctx.header("X-Drover-Next-Offset", Long.toString(slice.nextOffset()));
        ctx.header("X-Drover-File-Size", Long.toString(slice.fileSize()));
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(slice.bytes());
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of bytes, not '" + value + "'");
        }
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    @Override
    public void close() {
        app.stop();
    }
}
