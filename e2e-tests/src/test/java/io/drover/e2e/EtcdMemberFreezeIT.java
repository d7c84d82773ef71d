package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a three-member etcd cluster is lost the way a network partition or a stalled host loses it: frozen
 * (SIGSTOP), its connections open but silent, instead of killed. The other two keep a quorum, so, as after a kill,
 * drover must go on as if nothing happened: work is carried out, nothing starts twice, no agent loses its node
 * registration (which would tell the operator that the node is gone while its processes run on) and the operator
 * keeps its term.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "etcd.freeze", matches = "true",
        disabledReason = "a known, not yet fixed weakness: leases may still be lost while one etcd member is frozen;"
                + " run with -Detcd.freeze=true")
class EtcdMemberFreezeIT {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdMemberFreezeIT.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String TTL = "2s";
    /** Five agent lease TTLs: a lease kept alive only through the frozen member would be lost several times over. */
    private static final Duration FREEZE = Duration.ofSeconds(10);

    private static final Map<String, String> COMMANDS = Map.of(
            "steady/worker", "sleep 7301", "plant/bus", "sleep 7311", "plant/slow", "sleep 7312",
            "plant/hmi", "sleep 7313");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.cluster(3);

    @TempDir
    Path dir;

    private DroverCluster cluster;
    private EtcdObserver etcdView;
    private final List<Long> agentPids = new ArrayList<>();
    private Integer frozen;

    @BeforeEach
    void setUp() {
        cluster = new DroverCluster(etcd, dir);
        etcdView = new EtcdObserver(EtcdStore.over(etcd.newClient(etcd.endpoints()), etcd.endpoints(),
                Duration.ofSeconds(3)), cluster.keys());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (frozen != null) {
            OsProcesses.signal("CONT", etcd.pid(frozen));
        }
        cluster.close("EtcdMemberFreezeIT");
    }

    private static String application(String name, String... programs) {
        return StagedApplications.manifest(name, COMMANDS, programs);
    }

    @Test
    void aFrozenEtcdMemberCostsNoAgentItsRegistrationAndWorkGoesOnWithoutStartingAnythingTwice() throws Exception {
        assertEquals(3, etcd.endpoints().size(), "the daemons are given every member's endpoint");
        for (String node : List.of("server_1", "server_2")) {
            agentPids.add(cluster.agent(node, TTL).pid());
        }
        cluster.operator("op-1", TTL, "--expect-nodes", "server_1,server_2");

        etcdView.apply(application("steady", "worker:1:0"));
        etcdView.awaitOrDump("steady RUNNING", WITHIN, () -> etcdView.runsWhole("steady", "worker"));
        long steadyPid = etcdView.running("steady", "worker").orElseThrow().pid();
        etcdView.apply(application("plant", "bus:1:0:required", "slow:1:3", "hmi:2:0"));
        etcdView.awaitOrDump("plant's stage 1 under way", WITHIN,
                () -> etcdView.allRunning("plant", List.of("bus")) && etcdView.isStarting("plant", "slow"));
        Map<String, EtcdObserver.Copy> stage1 = new LinkedHashMap<>();
        for (String process : List.of("bus", "slow")) {
            stage1.put("plant/" + process, etcdView.running("plant", process).orElseThrow());
        }
        long revisionBefore = etcdView.revision();

        long epoch = etcdView.leader().orElseThrow().createRevision();
        Map<Integer, Long> streams = new LinkedHashMap<>();
        for (int m = 0; m < etcd.size(); m++) {
            streams.put(m, keepAliveStreams(etcd.endpoint(m)));
        }
        // the member serving the most lease keep-alive streams, if any client keeps its leases over a stream: the
        // freeze then hits a lease holder on every run, not by the luck of gRPC's load balancing. drover's leases
        // are refreshed by single requests spread over the members: then the etcd leader, the worst one to lose
        int busiest = streams.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int member = streams.get(busiest) > 0 ? busiest : etcd.leader();
        OsProcesses.signal("STOP", etcd.pid(member));
        frozen = member;
        long frozenAt = System.nanoTime();
        LOG.info("etcd member m{} ({}; keep-alive streams by member {}) frozen with SIGSTOP while plant's stage 1 was"
                + " starting", member + 1, member == etcd.leader() ? "the leader" : "a follower", streams);

        etcdView.awaitOrDump("plant RUNNING with an etcd member frozen", WITHIN,
                () -> etcdView.runsWhole("plant", "bus", "slow", "hmi"));
        LOG.info("etcd member frozen -> plant's staged start complete in {} ms", millisSince(frozenAt));
        etcdView.request("steady", Intent.of(IntentAction.STOP, null, null, "stop-steady", Instant.now()));
        etcdView.awaitOrDump("steady stopped with an etcd member frozen", WITHIN,
                () -> etcdView.isInState("steady", ApplicationState.STOPPED) && !OsProcesses.alive(steadyPid));
        LOG.info("etcd member frozen -> steady stopped {} ms after the freeze", millisSince(frozenAt));

        // the freeze is the scenario: it lasts at least FREEZE, hence a timed wait; the OS is checked all along
        Duration rest = FREEZE.minusNanos(System.nanoTime() - frozenAt);
        if (!rest.isNegative()) {
            await("plant runs on while the member stays frozen").during(rest).atMost(rest.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> stage1.entrySet().stream().allMatch(e -> OsProcesses
                            .copiesOf(COMMANDS.get(e.getKey()), agentPids).equals(List.of(e.getValue().pid()))));
        }
        OsProcesses.signal("CONT", etcd.pid(member));
        frozen = null;
        LOG.info("etcd member m{} thawed after {} ms", member + 1, millisSince(frozenAt));

        etcdView.awaitOrDump("both nodes registered and plant RUNNING after the thaw", WITHIN,
                () -> etcdView.nodeLease("server_1") != 0 && etcdView.nodeLease("server_2") != 0
                        && etcdView.isInState("plant", ApplicationState.RUNNING));
        for (String process : List.of("bus", "slow", "hmi")) {
            EtcdObserver.Copy copy = etcdView.running("plant", process).orElseThrow();
            assertEquals(List.of(copy.pid()), OsProcesses.copiesOf(COMMANDS.get("plant/" + process), agentPids),
                    "plant/" + process + " runs once, as the pid etcd reports");
            if (stage1.containsKey("plant/" + process)) {
                assertTrue(copy.sameRunAs(stage1.get("plant/" + process)),
                        "plant/" + process + " was not started again");
            }
        }

        // a quorum stayed all along: no lease holder may have lost its lease. An agent's lost registration reads as
        // "node lost", the operator's lost lease as the end of its term
        KeyHistory history = KeyHistory.replay(etcdView.store(), etcdView.keys(), revisionBefore);
        long epochAfter = etcdView.leader().orElseThrow().createRevision();
        LOG.info("since the freeze: node registrations deleted {}, process keys deleted {}, leader epoch {} -> {}",
                history.nodeDeletions(), history.processKeyDeletions("plant") + history.processKeyDeletions("steady"),
                epoch, epochAfter);
        assertEquals(List.of(), history.nodeDeletions(),
                "no node registration was deleted while two of three etcd members served (the agents' logs in"
                        + " target/e2e-logs/EtcdMemberFreezeIT say which lease they lost)");
        assertEquals(epoch, epochAfter, "the operator kept leading in the same term while two of three members served");
    }

    /** Lease keep-alive streams open on the member now, from its own metrics: started minus finished. */
    private static long keepAliveStreams(String endpoint) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics"))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        long open = 0;
        for (String line : metrics.split("\n")) {
            if (line.contains("grpc_method=\"LeaseKeepAlive\"")) {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("grpc_server_started_total")) {
                    open += value;
                } else if (line.startsWith("grpc_server_handled_total")) {
                    open -= value;
                }
            }
        }
        return open;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
