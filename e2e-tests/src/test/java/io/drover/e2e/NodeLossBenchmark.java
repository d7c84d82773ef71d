package io.drover.e2e;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a server's power-down takes to heal: from the SIGKILL of its agent and of every process it ran, to its
 * application RUNNING whole on another server. The application is scenario 2's kind: SINGLE_INSTANCE, a bus then
 * two services (startsecs 0), the bus restarting the application on failure. Measured over {@value #RUNS} power-downs
 * for each agent lease TTL, each on a fresh application (so that no restart back-off or budget of an earlier run
 * weighs on it); the killed server's agent comes back between runs. Prints every run, p50 and p95.
 *
 * <p>A benchmark, not part of the normal build: {@code -Dit.test=NodeLossBenchmark -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class NodeLossBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLossBenchmark.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int RUNS = 7;
    private static final List<String> SERVERS = List.of("server_1", "server_2", "server_3");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private static final String RULES = """
            apiVersion: drover.io/v1
            kind: RuleSet
            metadata:
              name: services
            spec:
              applications:
              - pattern: loss_
                distribution: SINGLE_INSTANCE
                identifiers: ["*"]
                startSequence: 1
                startingStrategy: LESS_LOADED
                programs:
                - name: bus
                  startSequence: 1
                  required: true
                  expectedLoading: 20
                  runningFailureStrategy: RESTART_APPLICATION
                - pattern: ""
                  startSequence: 2
                  expectedLoading: 20
            """;

    private static String application(String name) {
        return """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  programs:
                  - name: bus
                    command: sleep 900
                    startSecs: 0
                  - name: service_1
                    command: sleep 901
                    startSecs: 0
                  - name: service_2
                    command: sleep 902
                    startSecs: 0
                """.formatted(name);
    }

    /** The one node where {@code application} runs whole (its three processes RUNNING and it RUNNING), if any. */
    private static String wholeOn(DroverCluster cluster, String application) {
        Map<String, List<ProcessStatus>> byNode = cluster.observedByNode(application);
        Set<String> running = byNode.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.state().isRunning()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (running.size() != 1) {
            return null;
        }
        String node = running.iterator().next();
        boolean whole = byNode.get(node).stream().filter(s -> s.state() == ProcessState.RUNNING).count() == 3
                && cluster.status(application).map(s -> s.state() == ApplicationState.RUNNING).orElse(false);
        return whole ? node : null;
    }

    @ParameterizedTest(name = "agent lease TTL {0}")
    @ValueSource(strings = {"2s", "3s"})
    void timeFromServerPowerDownToTheApplicationRunningElsewhere(String ttl) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("ttl-" + ttl));
        DroverCluster cluster = new DroverCluster(etcd, runDir);
        List<Long> millis = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        try {
            for (String node : SERVERS) {
                cluster.agent(node, ttl);
            }
            cluster.operator("op-1", ttl, "--expect-nodes", String.join(",", SERVERS));
            cluster.apply(RULES);
            String previous = null;
            for (int run = 1; run <= RUNS; run++) {
                String application = "loss_%02d".formatted(run);
                cluster.apply(application(application));
                cluster.awaitOrDump(application + " RUNNING", WITHIN, () -> wholeOn(cluster, application) != null);
                if (previous != null) {
                    // one application at a time: the previous one would move too and weigh on the figure
                    String gone = previous;
                    cluster.store().delete(cluster.keys().application(gone));
                    cluster.awaitOrDump(gone + " removed", WITHIN, () -> cluster.observed(gone).stream()
                            .noneMatch(o -> o.status().state().isRunning()));
                }
                String host = wholeOn(cluster, application);
                List<Long> pids = cluster.observedByNode(application).get(host).stream().map(ProcessStatus::pid).toList();

                long powerDown = System.nanoTime();
                cluster.powerDown(host, pids);
                cluster.awaitOrDump(application + " RUNNING away from " + host, WITHIN, () -> {
                    String now = wholeOn(cluster, application);
                    return now != null && !now.equals(host);
                });
                long elapsed = (System.nanoTime() - powerDown) / 1_000_000;
                millis.add(elapsed);
                runs.add("run %d: %s killed, %s RUNNING on %s after %d ms".formatted(run, host, application,
                        wholeOn(cluster, application), elapsed));

                // the server comes back, empty, for the next run
                cluster.agent(host, ttl);
                cluster.awaitOrDump(host + " registered again", WITHIN,
                        () -> cluster.store().getRaw(cluster.keys().node(host)).isPresent());
                previous = application;
            }
        } finally {
            cluster.close("NodeLossBenchmark-" + ttl);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        LOG.info("""
                        server power-down -> application RUNNING elsewhere, agent lease TTL {} (operator's view of it {}), \
                        {} runs: p50 {} ms, p95 {} ms, min {} ms, max {} ms
                          {}""",
                ttl, ttl, sorted.size(), percentile(sorted, 50), percentile(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1), String.join("\n  ", runs));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
