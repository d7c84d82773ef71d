package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Resource;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ConciliationRequest;
import io.drover.api.state.ConditionStatus;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition that heals with the same program running twice: the agent of server_1 is frozen (SIGSTOP) past its
 * lease TTL while its processes run on, the operator restarts its applications on server_2, then the agent is thawed
 * (SIGCONT) and reports its old copies again. One application per conciliation strategy, each asserted on what is
 * left running — as OS processes, not only as keys — once its strategy acted.
 */
class ConciliationIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConciliationIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String TTL = "2s";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private final Keyspace keys = Keyspace.withPrefix(etcd.freshPrefix());
    private final EtcdStore store = etcd.store();
    private final List<DroverProcess> daemons = new ArrayList<>();
    private DroverProcess frozen;

    @AfterEach
    void tearDown() throws Exception {
        if (frozen != null) {
            signal("CONT", frozen.pid());
        }
        for (DroverProcess daemon : daemons) {
            daemon.close();
        }
        DroverProcess.keepLogs(dir, "ConciliationIT");
    }

    private DroverProcess daemon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix()));
        DroverProcess process = DroverProcess.start(dir.resolve(name + ".log"), all.toArray(String[]::new));
        daemons.add(process);
        return process;
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }

    private static String application(ConciliationStrategy strategy) {
        return "conc_" + strategy.name().toLowerCase(Locale.ROOT);
    }

    /** Running copies of an application's only process, by node. */
    private Map<String, ProcessStatus> running(String application) {
        Map<String, ProcessStatus> byNode = new TreeMap<>();
        for (Versioned<ProcessStatus> process : store.list(keys.processesPrefix(), ProcessStatus.class).items()) {
            ProcessRef ref = ((ParsedKey.ProcessKey) keys.parse(process.key()).orElseThrow()).process();
            if (ref.application().equals(application) && process.value().state() == ProcessState.RUNNING) {
                byNode.put(ref.node(), process.value());
            }
        }
        return byNode;
    }

    private boolean conflictReported(String application) {
        return store.get(keys.applicationStatus(application), ApplicationStatus.class)
                .map(s -> s.value().conditions().stream().anyMatch(c -> c.type().equals("Conflict")
                        && c.status() == ConditionStatus.TRUE))
                .orElse(false);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private String dump() {
        StringBuilder out = new StringBuilder();
        for (Versioned<String> item : store.listRaw(keys.versionPrefix()).items()) {
            if (!item.key().contains("/nodestats/") && !item.key().contains("/events/")) {
                out.append(item.key()).append(" = ").append(item.value()).append('\n');
            }
        }
        return out.toString();
    }

    private void awaitOrDump(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(WITHIN).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            LOG.error("{} did not happen; what etcd holds:\n{}", what, dump());
            throw e;
        }
    }

    @Test
    void duplicatesAfterAHealedPartitionAreResolvedByEachStrategyAndNoneRunsTwice() throws Exception {
        DroverProcess server1 = null;
        for (String node : List.of("server_1", "server_2")) {
            DroverProcess agent = daemon(node, "agent", "--node-id", node, "--labels", "server", "--lease-ttl", TTL,
                    "--state-dir", dir.resolve(node + "/state").toString(), "--log-dir", dir.resolve(node + "/log").toString());
            if (node.equals("server_1")) {
                server1 = agent;
            }
        }
        daemon("operator", "operator", "--id", "op-1", "--lease-ttl", TTL, "--node-lease-ttl", TTL, "--http-port", "-1",
                "--expect-nodes", "server_1,server_2");
        List<String> manifests = new ArrayList<>();
        for (ConciliationStrategy strategy : ConciliationStrategy.values()) {
            manifests.add("""
                    apiVersion: drover.io/v1
                    kind: Application
                    metadata:
                      name: %s
                    spec:
                      distribution: SINGLE_INSTANCE
                      identifiers: [server_1, server_2]
                      startingStrategy: CONFIG
                      startSequence: 1
                      conciliationStrategy: %s
                      programs:
                      - name: worker
                        command: sleep 900
                        startSecs: 0
                        startSequence: 1
                        runningFailureStrategy: RESTART_PROCESS
                    """.formatted(application(strategy), strategy));
        }
        for (Sourced<Resource> resource : new ManifestReader().read(String.join("---\n", manifests), "conciliation.yaml", InputFormat.YAML)) {
            Application app = (Application) resource.value();
            store.put(keys.application(app.name()), app);
        }
        Map<ConciliationStrategy, Long> oldPids = new EnumMap<>(ConciliationStrategy.class);
        awaitOrDump("every application running on server_1", () -> java.util.Arrays.stream(ConciliationStrategy.values())
                .allMatch(s -> running(application(s)).keySet().equals(java.util.Set.of("server_1"))));
        for (ConciliationStrategy strategy : ConciliationStrategy.values()) {
            oldPids.put(strategy, running(application(strategy)).get("server_1").pid());
        }

        signal("STOP", server1.pid());
        frozen = server1;
        long frozenAt = System.nanoTime();
        awaitOrDump("every application restarted on server_2", () -> java.util.Arrays.stream(ConciliationStrategy.values())
                .allMatch(s -> running(application(s)).containsKey("server_2")));
        LOG.info("agent frozen -> every application running on server_2 in {} ms",
                (System.nanoTime() - frozenAt) / 1_000_000);
        oldPids.values().forEach(pid -> assertTrue(alive(pid), "the frozen agent's processes run on"));

        signal("CONT", server1.pid());
        frozen = null;
        long thawedAt = System.nanoTime();

        // SENICIDE keeps the youngest copy: the one on server_2
        awaitOrDump("SENICIDE resolved", () -> running(application(ConciliationStrategy.SENICIDE)).keySet()
                .equals(java.util.Set.of("server_2")) && !alive(oldPids.get(ConciliationStrategy.SENICIDE)));
        // INFANTICIDE keeps the oldest: the copy that ran on server_1 all along
        awaitOrDump("INFANTICIDE resolved", () -> running(application(ConciliationStrategy.INFANTICIDE)).keySet()
                .equals(java.util.Set.of("server_1")));
        assertEquals(oldPids.get(ConciliationStrategy.INFANTICIDE),
                running(application(ConciliationStrategy.INFANTICIDE)).get("server_1").pid(), "the old copy itself");
        // STOP stops every copy
        awaitOrDump("STOP resolved", () -> running(application(ConciliationStrategy.STOP)).isEmpty()
                && !alive(oldPids.get(ConciliationStrategy.STOP)));
        // RESTART and RUNNING_FAILURE (with RESTART_PROCESS) stop every copy, then start one
        for (ConciliationStrategy strategy : List.of(ConciliationStrategy.RESTART, ConciliationStrategy.RUNNING_FAILURE)) {
            awaitOrDump(strategy + " resolved", () -> running(application(strategy)).size() == 1
                    && !alive(oldPids.get(strategy))
                    && running(application(strategy)).values().iterator().next().pid() != oldPids.get(strategy));
        }
        LOG.info("agent thawed -> duplicates resolved by every automatic strategy in {} ms",
                (System.nanoTime() - thawedAt) / 1_000_000);

        // USER reports both copies and waits; the user keeps the copy on server_1
        String user = application(ConciliationStrategy.USER);
        awaitOrDump("USER conflict reported", () -> running(user).size() == 2 && conflictReported(user));
        long keptPid = running(user).get("server_1").pid();
        long droppedPid = running(user).get("server_2").pid();
        store.put(keys.intent(user), Intent.conciliationOnly(new ConciliationRequest(Map.of("worker", "server_1"), null,
                "keep-1", Instant.now())));
        awaitOrDump("USER decision carried out", () -> running(user).keySet().equals(java.util.Set.of("server_1"))
                && !alive(droppedPid) && !conflictReported(user));
        assertEquals(keptPid, running(user).get("server_1").pid());

        // nothing runs twice: every application has at most one live copy, and the processes stopped are gone
        for (ConciliationStrategy strategy : ConciliationStrategy.values()) {
            assertTrue(running(application(strategy)).size() <= 1, strategy + " runs once at most");
        }
        assertFalse(alive(oldPids.get(ConciliationStrategy.RESTART)));
    }
}
