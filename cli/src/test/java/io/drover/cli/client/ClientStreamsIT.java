package io.drover.cli.client;

import static io.drover.cli.client.ClientIT.assertOk;
import static io.drover.cli.client.ClientIT.row;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.cli.Run;
import io.drover.cli.client.config.ConnectionResolver;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.watch.ChangeFeed;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs built on the operator's event stream, process commands and process logs
 * ({@code GET /api/v1/events/stream}, {@code POST /api/v1/processes/{app}/{process}/...},
 * {@code GET /api/v1/processes/{app}/{process}/log}), against a real operator and real agents.
 */
class ClientStreamsIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static TestCluster cluster;

    @BeforeAll
    static void setUp() {
        cluster = new TestCluster(etcd.store(), Keyspace.withPrefix(etcd.freshPrefix()), dir.resolve("nodes"),
                List.of("node-a"));
        await().atMost(WITHIN).until(() -> drover("get", "nodes").out().contains(" Ready "));
    }

    @AfterAll
    static void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Run drover(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--server", cluster.url(), "--token", TestCluster.ADMIN));
        return Run.drover(all.toArray(String[]::new));
    }

    static Path manifest(String name, String... commands) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  startSequence: 1
                  programs:
                """.formatted(name));
        for (int i = 0; i < commands.length; i++) {
            yaml.append("  - name: p").append(i).append("\n    command: ").append(commands[i])
                    .append("\n    startSequence: 1\n    startSecs: 1\n");
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    @Test
    void theEventStreamSignalsChanges() throws Exception {
        ApiClient client = new ApiClient(new ConnectionResolver(java.util.Map.of(), dir).resolve(
                new ConnectionResolver.Flags(null, null, cluster.url(), TestCluster.VIEWER, null)));
        try (ChangeFeed feed = ChangeFeed.open(client, Set.of("application"))) {
            assertTrue(feed.streaming(), "the operator serves /api/v1/events/stream");
            feed.await(Duration.ofMillis(1));
            assertOk(drover("apply", "-f", manifest("streamed", "sleep 910").toString()));
            assertTrue(feed.await(WITHIN), "the new application is announced");
        }
        assertOk(drover("delete", "application", "streamed"));
    }

    @Test
    void oneProcessIsStoppedStartedAndRestarted() throws Exception {
        assertOk(drover("apply", "-f", manifest("duo", "sleep 911", "sleep 912").toString(), "--wait"));

        Run stop = drover("stop", "process", "duo:p0", "--wait", "--timeout", "60s");
        assertOk(stop);
        assertTrue(stop.out().contains("process/duo:p0 is STOPPED"), stop.toString());
        assertTrue(row(drover("get", "ps", "duo:p1").out(), "duo").contains("RUNNING"), "the other one runs on");

        Run start = drover("start", "process", "duo:p0", "--wait");
        assertOk(start);
        String started = row(drover("get", "ps", "duo:p0", "-o", "supvisors").out(), "duo").get(7);

        Run restart = drover("restart", "proc", "duo:p0", "--wait");
        assertOk(restart);
        assertNotEquals(started, row(drover("get", "ps", "duo:p0", "-o", "supvisors").out(), "duo").get(7),
                "restarted: a new start time");
        assertEquals(ExitCode.NOT_FOUND, drover("stop", "process", "duo:nothere").exitCode());
        assertOk(drover("delete", "application", "duo"));
    }

    @Test
    void logsShowTheTailThenFollow() throws Exception {
        assertOk(drover("apply", "-f", manifest("talker", "sh -c 'seq 1 500; exec sleep 913'",
                "sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'").toString(), "--wait"));
        await().atMost(WITHIN).until(() -> drover("logs", "talker:p0").out().contains("500\n"));

        Run all = drover("logs", "talker:p0");
        assertOk(all);
        assertTrue(all.out().startsWith("1\n2\n3\n"), all.out());
        Run tail = drover("logs", "talker:p0", "--tail", "3");
        assertOk(tail);
        assertEquals("498\n499\n500\n", tail.out());

        try (Background follow = new Background("logs", "talker:p1", "-f", "--tail", "1", "--server", cluster.url(),
                "--token", TestCluster.VIEWER)) {
            await().atMost(WITHIN).until(() -> follow.out().contains("tick"));
            int first = lastTick(follow.out());
            await().atMost(WITHIN).until(() -> lastTick(follow.out()) >= first + 3);
            assertTrue(follow.stop(10), "interrupted, a followed log ends");
        }
        assertEquals(ExitCode.NOT_FOUND, drover("logs", "talker:nothere").exitCode());
        assertOk(drover("delete", "application", "talker"));
    }

    @Test
    void watchShowsAProcessStopping() throws Exception {
        assertOk(drover("apply", "-f", manifest("watchme", "sleep 914").toString(), "--wait"));
        try (Background watch = new Background("get", "processes", "watchme", "-w", "--server", cluster.url(),
                "--token", TestCluster.VIEWER)) {
            await().atMost(WITHIN).until(() -> watch.out().contains("RUNNING"));
            assertOk(drover("stop", "application", "watchme"));
            await().atMost(WITHIN).until(() -> watch.out().lines().anyMatch(l -> l.startsWith("watchme")
                    && (l.contains(" STOPPED ") || l.contains(" STOPPING "))));
            assertTrue(watch.stop(10));
        }
        assertOk(drover("delete", "application", "watchme"));
    }

    private static int lastTick(String out) {
        Matcher ticks = Pattern.compile("tick (\\d+)").matcher(out);
        int last = -1;
        while (ticks.find()) {
            last = Integer.parseInt(ticks.group(1));
        }
        return last;
    }
}
