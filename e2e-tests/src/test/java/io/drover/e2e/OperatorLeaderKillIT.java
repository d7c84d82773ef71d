package io.drover.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.LeaderRecord;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two operators and an agent as separate OS processes; the leading operator is killed with SIGKILL in the middle of
 * a staged start: the standby must finish the start without starting anything twice.
 */
class OperatorLeaderKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorLeaderKillIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private EtcdStore store;
    private Keyspace keys;
    private final List<DroverProcess> daemons = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() throws Exception {
        // agents first: they stop their processes cleanly
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).close();
        }
        DroverProcess.keepLogs(dir, "OperatorLeaderKillIT");
    }

    private DroverProcess daemon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix()));
        DroverProcess process = DroverProcess.start(dir.resolve(name + ".log"), all.toArray(String[]::new));
        daemons.add(0, process);
        return process;
    }

    private Optional<LeaderRecord> leader() {
        return store.get(keys.leader(), LeaderRecord.class).map(Versioned::value);
    }

    private Optional<ProcessStatus> observed(String process) {
        return store.get(keys.process("server_1", "plant", process), ProcessStatus.class).map(Versioned::value);
    }

    @Test
    void theStandbyFinishesAStagedStartAfterTheLeaderIsKilledWithoutStartingAnythingTwice() throws Exception {
        daemon("agent", "agent", "--node-id", "server_1", "--lease-ttl", "2s", "--state-dir", dir.resolve("state").toString(),
                "--log-dir", dir.resolve("log").toString(), "--here", dir.toString());
        DroverProcess first = daemon("op-a", "operator", "--id", "op-a", "--lease-ttl", "2s", "--node-lease-ttl", "2s",
                "--http-port", "-1");
        await().atMost(WITHIN).until(() -> leader().map(l -> l.operatorId().equals("op-a")).orElse(false));
        daemon("op-b", "operator", "--id", "op-b", "--lease-ttl", "2s", "--node-lease-ttl", "2s", "--http-port", "-1");
        await().atMost(WITHIN).until(() -> store.getRaw(keys.node("server_1")).isPresent());

        String manifest = """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: plant
                spec:
                  startSequence: 1
                  programs:
                  - name: bus
                    command: sleep 600
                    startSecs: 0
                    startSequence: 1
                    required: true
                  - name: slow
                    command: sleep 601
                    startSecs: 4
                    startSequence: 1
                  - name: hmi
                    command: sleep 602
                    startSecs: 0
                    startSequence: 2
                """;
        Application plant = (Application) new ManifestReader().read(manifest, "plant.yaml", InputFormat.YAML).get(0).value();
        store.put(keys.application("plant"), plant);

        await().atMost(WITHIN).until(() -> observed("bus").map(s -> s.state() == ProcessState.RUNNING).orElse(false)
                && observed("slow").map(s -> s.state() == ProcessState.STARTING).orElse(false));
        long busPid = observed("bus").orElseThrow().pid();
        long busRevision = store.getRaw(keys.assignment("server_1", "plant", "bus")).orElseThrow().modRevision();
        assertTrue(store.getRaw(keys.assignment("server_1", "plant", "hmi")).isEmpty(), "stage 2 waits for 'slow'");

        long killedAt = System.nanoTime();
        first.kill();
        await().atMost(WITHIN).until(() -> leader().map(l -> l.operatorId().equals("op-b")).orElse(false));
        LOG.info("leader kill -9 -> standby leads in {} ms (lease TTL 2 s)", (System.nanoTime() - killedAt) / 1_000_000);

        await().atMost(WITHIN).until(() -> store.get(keys.applicationStatus("plant"), ApplicationStatus.class)
                .map(s -> s.value().state() == ApplicationState.RUNNING).orElse(false));
        LOG.info("leader kill -9 -> application RUNNING in {} ms", (System.nanoTime() - killedAt) / 1_000_000);
        assertEquals(ProcessState.RUNNING, observed("hmi").orElseThrow().state());
        assertEquals(busPid, observed("bus").orElseThrow().pid(), "bus kept running: not restarted");
        assertEquals(busRevision, store.getRaw(keys.assignment("server_1", "plant", "bus")).orElseThrow().modRevision(),
                "the standby left bus's assignment as it was");
        long copies = store.list(keys.assignmentsPrefix(), Assignment.class).items().size();
        assertEquals(3, copies, "one assignment per process, nothing twice");
    }
}
