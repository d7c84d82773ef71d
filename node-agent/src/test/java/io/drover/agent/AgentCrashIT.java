package io.drover.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent as its own OS process, killed with SIGKILL as a crash would: its processes survive and are adopted. */
class AgentCrashIT {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private EtcdStore store;
    private Keyspace keys;
    private final List<Process> agents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process agent : agents) {
            if (agent.isAlive()) {
                // a clean stop, which also stops the processes it runs
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    private Process startAgent() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(),
                "--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix(), "--node-id", "server_1",
                "--lease-ttl", "2s", "--state-dir", dir.resolve("state").toString(),
                "--log-dir", dir.resolve("log").toString(), "--here", dir.toString());
        Process agent = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent-" + agents.size() + ".log").toFile()).start();
        agents.add(agent);
        return agent;
    }

    private Optional<Versioned<ProcessStatus>> observed() {
        return store.get(keys.process("server_1", "app", "worker"), ProcessStatus.class);
    }

    @Test
    void processesSurviveAnAgentKilledHardAndAreAdoptedByTheNextAgent() throws Exception {
        Process first = startAgent();
        ProgramSpec worker = ProgramSpec.builder("worker").command("sleep 300").startSecs(0).build();
        store.put(keys.assignment("server_1", "app", "worker"), new Assignment(DesiredState.RUNNING, "-", 1, "app",
                "worker", Instant.now(), null).withProgram(worker, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> observed().map(v -> v.value().state() == ProcessState.RUNNING)
                .orElse(false));
        long pid = observed().orElseThrow().value().pid();

        first.destroyForcibly().waitFor();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process outlives its agent");

        startAgent();
        // the new agent waits out the dead agent's lease, then registers and adopts
        await().atMost(Duration.ofSeconds(30)).until(() -> observed()
                .map(v -> v.value().state() == ProcessState.RUNNING && v.leaseId() != 0
                        && store.getRaw(keys.node("server_1")).map(n -> n.leaseId() == v.leaseId()).orElse(false))
                .orElse(false));
        assertEquals(pid, observed().orElseThrow().value().pid(), "adopted, not started a second time");
        long sleepers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").equals("/usr/bin/sleep 300")
                        || p.info().commandLine().orElse("").equals("sleep 300"))
                .filter(p -> p.pid() == pid || p.parent().map(parent -> agents.stream()
                        .anyMatch(a -> a.pid() == parent.pid())).orElse(false))
                .count();
        assertEquals(1, sleepers, "exactly one copy runs");
    }
}
