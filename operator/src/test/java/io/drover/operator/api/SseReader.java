package io.drover.operator.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A test client of an SSE endpoint: parses the stream on its own thread into events and comments, kept in order. */
final class SseReader implements AutoCloseable {

    record Event(long id, String event, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    volatile int status;
    volatile boolean ended;
    private volatile Stream<String> lines;
    private final CompletableFuture<Void> reading;

    SseReader(HttpClient http, URI uri, String token, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        reading = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(response -> {
            status = response.statusCode();
            lines = response.body();
            parse(response.body());
        });
    }

    private void parse(Stream<String> body) {
        long id = -1;
        String event = "message";
        List<String> data = new ArrayList<>();
        try {
            for (String line : (Iterable<String>) body::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, event, String.join("\n", data)));
                    }
                    event = "message";
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                }
            }
        } catch (RuntimeException closed) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    /** Whether the server has subscribed this client (it writes a first comment once it has). */
    boolean subscribed() {
        return !comments.isEmpty();
    }

    @Override
    public void close() {
        Stream<String> current = lines;
        if (current != null) {
            current.close();
        }
        reading.cancel(true);
    }
}
