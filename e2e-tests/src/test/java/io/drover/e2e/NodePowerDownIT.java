package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server powers down — its agent and every process it ran killed with SIGKILL at once — and its application,
 * whose bus restarts the application on failure, runs again on another server. Prints how long that took.
 */
class NodePowerDownIT {

    private static final Logger LOG = LoggerFactory.getLogger(NodePowerDownIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TTL = "2s";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private final Keyspace keys = Keyspace.withPrefix(etcd.freshPrefix());
    private final EtcdStore store = etcd.store();
    private final List<DroverProcess> daemons = new ArrayList<>();
    private final Map<String, DroverProcess> agents = new HashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        for (DroverProcess daemon : daemons) {
            daemon.close();
        }
        DroverProcess.keepLogs(dir, "NodePowerDownIT");
    }

    private DroverProcess daemon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix()));
        DroverProcess process = DroverProcess.start(dir.resolve(name + ".log"), all.toArray(String[]::new));
        daemons.add(process);
        return process;
    }

    /** Everything under the keyspace but node statistics, for a failure's report. */
    private String dump() {
        StringBuilder out = new StringBuilder();
        for (Versioned<String> item : store.listRaw(keys.versionPrefix()).items()) {
            if (!item.key().contains("/nodestats/")) {
                out.append(item.key()).append(" = ").append(item.value()).append('\n');
            }
        }
        return out.toString();
    }

    /** Observed processes of {@code application}, by node. */
    private Map<String, List<ProcessStatus>> observed(String application) {
        Map<String, List<ProcessStatus>> byNode = new HashMap<>();
        for (Versioned<ProcessStatus> process : store.list(keys.processesPrefix(), ProcessStatus.class).items()) {
            ProcessRef ref = ((ParsedKey.ProcessKey) keys.parse(process.key()).orElseThrow()).process();
            if (ref.application().equals(application)) {
                byNode.computeIfAbsent(ref.node(), n -> new ArrayList<>()).add(process.value());
            }
        }
        return byNode;
    }

    private boolean runsWholeOnOneNodeOtherThan(String application, String lostNode) {
        Map<String, List<ProcessStatus>> byNode = observed(application);
        Set<String> running = byNode.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> ProcessState.RUNNING_STATES.contains(s.state())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        return running.size() == 1 && !running.contains(lostNode)
                && byNode.get(running.iterator().next()).stream().filter(s -> s.state() == ProcessState.RUNNING).count() == 2
                && store.get(keys.applicationStatus(application), ApplicationStatus.class)
                        .map(s -> s.value().state() == ApplicationState.RUNNING).orElse(false);
    }

    @Test
    void anApplicationOfAPoweredDownServerRunsAgainOnAnotherServer() throws Exception {
        for (String node : List.of("server_1", "server_2", "server_3")) {
            agents.put(node, daemon(node, "agent", "--node-id", node, "--labels", "server", "--lease-ttl", TTL,
                    "--state-dir", dir.resolve(node + "/state").toString(), "--log-dir", dir.resolve(node + "/log").toString(),
                    "--here", dir.toString()));
        }
        daemon("operator", "operator", "--id", "op-1", "--lease-ttl", TTL, "--node-lease-ttl", TTL, "--http-port", "-1");
        String manifests = """
                apiVersion: drover.io/v1
                kind: RuleSet
                metadata:
                  name: services
                spec:
                  applications:
                  - pattern: srv_
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
                ---
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: srv_01
                spec:
                  programs:
                  - name: bus
                    command: sleep 900
                    startSecs: 0
                  - name: service
                    command: sleep 901
                    startSecs: 0
                """;
        for (Sourced<Resource> resource : new ManifestReader().read(manifests, "srv.yaml", InputFormat.YAML)) {
            if (resource.value() instanceof RuleSet ruleSet) {
                store.put(keys.ruleSet(ruleSet.name()), ruleSet);
            } else if (resource.value() instanceof Application application) {
                store.put(keys.application(application.name()), application);
            }
        }
        await().atMost(WITHIN).until(() -> runsWholeOnOneNodeOtherThan("srv_01", "none"));
        String host = observed("srv_01").keySet().iterator().next();
        List<Long> pids = observed("srv_01").get(host).stream().map(ProcessStatus::pid).toList();

        long powerDown = System.nanoTime();
        agents.get(host).kill();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }

        try {
            await().atMost(WITHIN).until(() -> runsWholeOnOneNodeOtherThan("srv_01", host));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.error("not restarted elsewhere; what etcd holds:\n{}", dump());
            throw e;
        }
        long elapsed = (System.nanoTime() - powerDown) / 1_000_000;
        String newHost = observed("srv_01").entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.state() == ProcessState.RUNNING))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        LOG.info("server power-down -> srv_01 fully RUNNING on {} in {} ms (agent lease TTL {})", newHost, elapsed, TTL);
        assertNotEquals(host, newHost);
        assertEquals(1, observed("srv_01").entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> ProcessState.RUNNING_STATES.contains(s.state()))).count(),
                "running on exactly one node");
    }
}
