package io.drover.cli.client.watch;

import io.drover.cli.client.ClientException;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.http.SseEvent;
import io.drover.cli.client.http.SseReader;
import io.drover.cli.client.http.ServerError;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells a watching command when to look again: from the operator's event stream ({@code GET /api/v1/events/stream},
 * resumed with {@code Last-Event-ID} after a dropped connection), or, from an operator without it (404), every
 * {@link #POLL_PERIOD}. Opened before the first read, so that no change between that read and the stream is lost.
 */
public final class ChangeFeed implements AutoCloseable {

    static final Duration POLL_PERIOD = Duration.ofSeconds(1);
    static final String STREAM = "/api/v1/events/stream";

    private final ApiClient client;
    private final Set<String> kinds;
    private final Object lock = new Object();
    private final AtomicReference<InputStream> current = new AtomicReference<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile boolean streaming;
    private boolean changed;
    private String lastEventId;

    private ChangeFeed(ApiClient client, Set<String> kinds, InputStream first) {
        this.client = client;
        this.kinds = Set.copyOf(kinds);
        this.streaming = first != null;
        this.current.set(first);
        this.reader = first == null ? null : new Thread(this::read, "drover-watch");
        if (reader != null) {
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Follows changes of the given kinds (application, process, node, event). */
    public static ChangeFeed open(ApiClient client, Set<String> kinds) {
        try {
            return new ChangeFeed(client, kinds, client.open(STREAM, Map.of("Accept", "text/event-stream")));
        } catch (ServerError e) {
            if (e.status() == 404) {
                return new ChangeFeed(client, kinds, null);
            }
            throw e;
        }
    }

    /** Whether changes come from the event stream rather than polling. */
    public boolean streaming() {
        return streaming;
    }

    /**
     * Waits until something of the watched kinds changed, or at most {@code max}. Returns true when it is worth
     * reading again (a change, or a polling tick).
     */
    public boolean await(Duration max) throws InterruptedException {
        if (!streaming) {
            long wait = Math.min(max.toMillis(), POLL_PERIOD.toMillis());
            TimeUnit.MILLISECONDS.sleep(Math.max(1, wait));
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (!changed && streaming) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            boolean result = changed || !streaming;
            changed = false;
            return result;
        }
    }

    private void read() {
        int failures = 0;
        while (!closed) {
            InputStream in = current.get();
            try {
                if (in == null) {
                    Map<String, String> headers = new HashMap<>();
                    headers.put("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        headers.put("Last-Event-ID", lastEventId);
                    }
                    in = client.open(STREAM, headers);
                    current.set(in);
                    if (closed) {
                        in.close();
                        return;
                    }
                    signal();
                }
                SseReader events = new SseReader(in);
                Optional<SseEvent> event;
                while ((event = events.next()).isPresent()) {
                    failures = 0;
                    if (event.get().id() != null && !event.get().id().isBlank()) {
                        lastEventId = event.get().id();
                    }
                    if (kinds.contains(event.get().event())) {
                        signal();
                    }
                }
            } catch (IOException | ClientException e) {
                failures++;
            }
            closeQuietly(current.getAndSet(null));
            if (closed) {
                return;
            }
            if (failures >= 5) {
                // the stream keeps failing: polling still shows the changes, only later
                synchronized (lock) {
                    streaming = false;
                    lock.notifyAll();
                }
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void signal() {
        synchronized (lock) {
            changed = true;
            lock.notifyAll();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(current.getAndSet(null));
        if (reader != null) {
            reader.interrupt();
        }
    }
}
