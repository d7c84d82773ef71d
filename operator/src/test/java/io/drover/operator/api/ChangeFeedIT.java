package io.drover.operator.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed and its SSE endpoint alone over a real etcd, with a ring of four events, a keep-alive of 200 ms and
 * at most two streams: replay inside the ring, reset beyond it, keep-alive comments, the stream cap, and streams
 * ended when the feed closes.
 */
class ChangeFeedIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;
    private ChangeFeed feed;
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<SseReader> readers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
        feed = ChangeFeed.start(store, keys, 4);
        EventStream stream = new EventStream(feed, Duration.ofMillis(200), 2);
        app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/stream", stream::serve);
        app.exception(ApiProblem.class, (e, ctx) -> ctx.status(e.status()).result(e.code()));
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        readers.forEach(SseReader::close);
        feed.close();
        app.stop();
    }

    private SseReader open(Long lastEventId) {
        SseReader reader = new SseReader(http, URI.create("http://127.0.0.1:" + app.port() + "/stream"), null,
                lastEventId);
        readers.add(reader);
        return reader;
    }

    private long putNode(String name) {
        return store.put(keys.node(name), new NodeInfo(name, "host-" + name, List.of(), 100, null, "test",
                Instant.now()));
    }

    @Test
    void replaysInsideTheRingAndResetsBeyondIt() throws Exception {
        List<Long> revisions = new ArrayList<>();
        SseReader live = open(null);
        await().atMost(WITHIN).until(live::subscribed);
        for (int i = 0; i < 6; i++) {
            revisions.add(putNode("n" + i));
        }
        // node stats, rule sets and the leader key are not published
        store.put(keys.nodeStats("n0"), java.util.Map.of("cpu", 1));
        await().atMost(WITHIN).until(() -> live.events.size() >= 6);
        assertEquals(revisions, live.events.stream().map(SseReader.Event::id).toList());
        await().atMost(WITHIN).until(() -> feed.newest() >= revisions.get(5));

        // the ring holds the last four: after the third change, the fourth to sixth are replayed
        SseReader inside = open(revisions.get(2));
        await().atMost(WITHIN).until(() -> inside.events.size() >= 3);
        assertEquals(revisions.subList(3, 6), inside.events.stream().map(SseReader.Event::id).toList());
        JsonNode data = Json.mapper().readTree(inside.events.get(0).data());
        assertEquals("n3", data.get("name").asText());
        assertEquals("NodeInfo", data.get("kind").asText());
        assertEquals(false, data.get("deleted").asBoolean());
        inside.close();
        // the server notices a closed stream at its next write (a keep-alive at the latest): then it frees its place
        await().atMost(WITHIN).until(() -> feed.subscribers() == 1);

        // after the first change: the second has left the ring, the client must re-list
        SseReader beyond = open(revisions.get(0));
        await().atMost(WITHIN).until(() -> !beyond.events.isEmpty());
        SseReader.Event reset = beyond.events.get(0);
        assertEquals("reset", reset.event());
        assertEquals(revisions.get(5), reset.id(), "a reset carries the newest id, to resume from after re-listing");
        long next = putNode("n6");
        await().atMost(WITHIN).until(() -> beyond.events.size() >= 2);
        assertEquals(next, beyond.events.get(1).id());
        assertEquals(1, beyond.events.stream().filter(e -> e.event().equals("reset")).count());
    }

    @Test
    void keepsAliveCapsStreamsAndEndsThemOnClose() throws Exception {
        SseReader first = open(null);
        SseReader second = open(null);
        await().atMost(WITHIN).until(() -> first.subscribed() && second.subscribed());
        await().atMost(WITHIN).until(() -> first.comments.stream().filter("keep-alive"::equals).count() >= 2);

        HttpResponse<String> third = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/stream")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, third.statusCode());
        assertEquals("TOO_MANY_STREAMS", third.body());

        feed.close();
        await().atMost(WITHIN).until(() -> first.ended && second.ended);
        assertTrue(feed.subscribers() == 0, "closed streams unsubscribe");
    }
}
