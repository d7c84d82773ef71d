package io.drover.operator.api;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves the change feed as Server-Sent Events ({@code text/event-stream}) on the request's own thread: replayed
 * events first when the client sends {@code Last-Event-ID} (or {@code ?lastEventId=}, for clients that cannot set
 * headers), then live ones, with a comment every {@code keepAlive} so that proxies keep the connection open. The
 * number of concurrent streams is capped, since each holds one server thread.
 */
final class EventStream {

    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_STREAMS = 64;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final ChangeFeed feed;
    private final Duration keepAlive;
    private final int maxStreams;

    EventStream(ChangeFeed feed, Duration keepAlive, int maxStreams) {
        this.feed = feed;
        this.keepAlive = keepAlive;
        this.maxStreams = maxStreams;
    }

    void serve(Context ctx) throws InterruptedException {
        Long lastEventId = lastEventId(ctx);
        if (feed.subscribers() >= maxStreams) {
            throw new ApiProblem(503, "TOO_MANY_STREAMS", "Too many streams", "this replica already serves "
                    + maxStreams + " event streams; retry later or ask another replica");
        }
        ChangeFeed.Subscriber subscriber = feed.subscribe(lastEventId);
        try {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            OutputStream out = response.getOutputStream();
            // retry: how long a browser waits before reconnecting; the comment commits the headers at once
            out.write(("retry: 2000\n: drover change feed from revision " + feed.newest() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                FeedEvent event = subscriber.queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    out.write(KEEP_ALIVE);
                    out.flush();
                    continue;
                }
                // a transaction's changes share an id: write what is queued in one flush so none is cut in two
                while (event != null && event != ChangeFeed.Subscriber.END) {
                    out.write(event.wire());
                    event = subscriber.queue.poll();
                }
                out.flush();
                if (event == ChangeFeed.Subscriber.END) {
                    return;
                }
            }
        } catch (IOException clientGone) {
            // the client closed the stream: nothing to answer
        } finally {
            feed.unsubscribe(subscriber);
        }
    }

    private static Long lastEventId(Context ctx) {
        String text = ctx.header("Last-Event-ID");
        String source = "Last-Event-ID";
        if (text == null || text.isBlank()) {
            text = ctx.queryParam("lastEventId");
            source = "lastEventId";
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.invalid(source + " must be an event id (a whole number) from this stream, not '"
                + CommandRequest.abbreviate(text) + "'");
    }
}
