package io.drover.operator.bench;

import ch.qos.logback.classic.Level;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.store.EtcdConnection;
import io.drover.api.store.EtcdStore;
import io.drover.operator.OperatorNode;
import io.drover.operator.api.ApiServer;
import io.drover.operator.api.ApiTokens;
import io.drover.operator.api.OperatorMetrics;
import io.drover.operator.api.Role;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.LocalEtcdCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Latency of the REST API under {@value #CLIENTS} concurrent clients, over a real (local, single-member) etcd with
 * one operator replica reconciling behind it. Not a test: run it with
 * {@code java -cp <test classpath> io.drover.operator.bench.ApiBenchmark}.
 *
 * <p>Each client sends its requests one after the other on its own connection (HTTP/1.1, bearer token checked):
 * <ul>
 * <li><b>read</b>: {@code GET /api/v1/applications/{name}} and {@code GET /api/v1/applications} (a list of
 * {@value #APPLICATIONS}), answered from the replica's caches;</li>
 * <li><b>apply</b>: {@code PUT /api/v1/apply} of a YAML application whose command changes every time, so that each
 * one validates, diffs and writes to etcd with compare-and-set (and the operator reconciles it meanwhile).</li>
 * </ul>
 * Clients, server, operator and simulated agents share this JVM and the machine with etcd.
 */
public final class ApiBenchmark {

    private static final int CLIENTS = 50;
    private static final int APPLICATIONS = 100;
    private static final int READS_PER_CLIENT = Integer.getInteger("bench.reads", 200);
    private static final int APPLIES_PER_CLIENT = Integer.getInteger("bench.applies", 20);
    private static final int WARMUP = 20;
    private static final String TOKEN = "bench-admin-token-01";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.drover")).setLevel(Level.ERROR);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.javalin")).setLevel(Level.ERROR);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.ERROR);
        LocalEtcdCluster etcd = LocalEtcdCluster.singleMember();
        etcd.start();
        List<AutoCloseable> running = new ArrayList<>();
        try {
            OperatorMetrics metrics = new OperatorMetrics();
            EtcdStore store = EtcdStore.connect(EtcdConnection.plain(etcd.endpoints()), EtcdStore.DEFAULT_TIMEOUT,
                    List.of(metrics.etcdInterceptor()));
            running.add(store);
            Keyspace keys = Keyspace.withPrefix("/bench-api/");
            for (int node = 0; node < 5; node++) {
                running.add(SimulatedAgent.start(store, keys, "node_" + node, Duration.ofSeconds(3), "bench"));
            }
            OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-bench", keys, Duration.ofSeconds(3),
                    Duration.ofSeconds(3), Duration.ofSeconds(30), PlannerSettings.defaults()
                    .withEventSource("operator/op-bench")), store);
            running.add(operator);
            ApiServer server = ApiServer.start("op-bench", operator, store, new ApiServer.Settings("127.0.0.1", 0,
                    ApiTokens.of(Map.of(TOKEN, Role.ADMIN))), metrics);
            running.add(server);
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(http, base);
            for (int i = 0; i < APPLICATIONS; i++) {
                expect(200, http.send(apply(base, "app-" + i, 0), HttpResponse.BodyHandlers.ofString()));
            }
            // the reads answer from the cache: wait until it shows every application
            long until = System.nanoTime() + DEADLINE.toNanos();
            while (http.send(get(base, "/api/v1/applications/app-" + (APPLICATIONS - 1)),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the cache never showed the applications");
                }
                Thread.onSpinWait();
            }
            System.out.printf("etcd %s; %d clients; %d applications applied; %d reads and %d applies per client%n",
                    etcd.endpoints(), CLIENTS, APPLICATIONS, READS_PER_CLIENT, APPLIES_PER_CLIENT);

            report("read  GET /api/v1/applications/{name}", run(READS_PER_CLIENT, (client, i) ->
                    get(base, "/api/v1/applications/app-" + Math.floorMod(client + i, APPLICATIONS)), http));
            report("read  GET /api/v1/applications (100 items)", run(READS_PER_CLIENT / 4, (client, i) ->
                    get(base, "/api/v1/applications"), http));
            report("apply PUT /api/v1/apply (one application, changed)", run(APPLIES_PER_CLIENT, (client, i) ->
                    apply(base, "app-" + client, i + 1), http));
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close();
            }
            etcd.close();
        }
        System.exit(0);
    }

    private interface Requests {
        HttpRequest request(int client, int index);
    }

    /** Runs {@code perClient} requests on each of the clients at once; returns every latency in nanoseconds. */
    private static List<Long> run(int perClient, Requests requests, HttpClient http) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        long began;
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(clients.submit(() -> {
                    // warm-up requests use negative indexes: distinct from the measured ones (an apply changes)
                    for (int i = 0; i < WARMUP; i++) {
                        expect(200, http.send(requests.request(client, -1 - i),
                                HttpResponse.BodyHandlers.discarding()));
                    }
                    start.await();
                    List<Long> latencies = new ArrayList<>(perClient);
                    for (int i = 0; i < perClient; i++) {
                        long sent = System.nanoTime();
                        HttpResponse<Void> answer = http.send(requests.request(client, i),
                                HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - sent);
                        expect(200, answer);
                    }
                    return latencies;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            long elapsed = System.nanoTime() - began;
            all.add(0, elapsed);
            return all;
        } finally {
            clients.shutdownNow();
        }
    }

    private static void report(String what, List<Long> measured) {
        long elapsed = measured.get(0);
        List<Long> sorted = new ArrayList<>(measured.subList(1, measured.size()));
        Collections.sort(sorted);
        System.out.printf("%-52s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d, %.0f req/s)%n", what,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted.get(sorted.size() - 1)),
                sorted.size(), sorted.size() / (elapsed / 1e9));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static HttpRequest get(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest apply(String base, String name, int version) {
        String yaml = """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  programs:
                  - name: worker
                    command: ./worker --version %d
                  - name: sidecar
                    command: ./sidecar
                """.formatted(name, version);
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/apply")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/yaml").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)).build();
    }

    private static void awaitReady(HttpClient http, String base) throws Exception {
        long until = System.nanoTime() + DEADLINE.toNanos();
        while (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the API never got ready");
            }
            Thread.onSpinWait();
        }
    }

    private static void expect(int status, HttpResponse<?> answer) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + ": HTTP "
                    + answer.statusCode() + (answer.body() instanceof String body ? " " + body : ""));
        }
    }
}
