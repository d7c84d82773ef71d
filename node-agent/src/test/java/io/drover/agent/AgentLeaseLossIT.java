package io.drover.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An agent cut off from etcd: its keys go with its lease, its processes stay, and everything comes back. */
class AgentLeaseLossIT {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLeaseLossIT.class);
    private static final Duration TTL = Duration.ofSeconds(2);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private TcpProxy proxy;
    private EtcdStore agentStore;
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.restore();
        }
        if (agent != null) {
            agent.close();
        }
        if (agentStore != null) {
            agentStore.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aPartitionedAgentsKeysVanishWithinTheTtlWhileItsProcessRunsOnAndComeBackAfter() {
        EtcdStore store = etcd.store();
        Keyspace keys = Keyspace.withPrefix(etcd.freshPrefix());
        proxy = TcpProxy.to(etcd.endpoint(0));
        agentStore = EtcdStore.connect(List.of(proxy.endpoint()));
        NodeInfo node = new NodeInfo("server_1", "host-a", List.of(), 100, URI.create("http://127.0.0.1:1"), "test",
                Instant.now());
        agent = NodeAgent.start(new NodeAgent.Settings(node, keys, TTL,
                SupervisorSettings.of("server_1", dir.resolve("log"), dir.resolve("state")).withHere(dir),
                Duration.ofSeconds(1), null, false, Duration.ofSeconds(10)), agentStore);
        ProgramSpec worker = ProgramSpec.builder("worker").command("sleep 300").startSecs(0).build();
        store.put(keys.assignment("server_1", "app", "worker"),
                new Assignment(DesiredState.RUNNING, "-", 1, "app", "worker", Instant.now(), null).withProgram(worker, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.get(keys.process("server_1", "app", "worker"),
                ProcessStatus.class).map(v -> v.value().state() == ProcessState.RUNNING).orElse(false));
        long pid = store.get(keys.process("server_1", "app", "worker"), ProcessStatus.class).orElseThrow().value().pid();

        long cut = System.nanoTime();
        proxy.blackhole();
        await().atMost(TTL.plusSeconds(3)).until(() -> store.getRaw(keys.node("server_1")).isEmpty()
                && store.getRaw(keys.process("server_1", "app", "worker")).isEmpty());
        LOG.info("partition -> keys gone in {} ms (lease TTL {})", (System.nanoTime() - cut) / 1_000_000, TTL);
        assertTrue(alive(pid), "lease loss does not stop processes (no --self-fence-after)");

        long restored = System.nanoTime();
        proxy.restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.getRaw(keys.node("server_1")).isPresent()
                && store.get(keys.process("server_1", "app", "worker"), ProcessStatus.class)
                        .map(v -> v.value().state() == ProcessState.RUNNING).orElse(false));
        LOG.info("restore -> keys back in {} ms", (System.nanoTime() - restored) / 1_000_000);
        assertEquals(pid, store.get(keys.process("server_1", "app", "worker"), ProcessStatus.class).orElseThrow()
                .value().pid(), "the same process, untouched");
    }
}
