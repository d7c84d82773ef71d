package io.drover.agent.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.reporting.LeasedWriter;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.LeaseKeeper;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeRegistrationIT {

    private static final Duration TTL = Duration.ofSeconds(2);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private EtcdStore store;
    private Keyspace keys;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    private static NodeInfo node(String id, String host) {
        return new NodeInfo(id, host, List.of("server"), 100, URI.create("http://127.0.0.1:1"), "test",
                Instant.now());
    }

    /** A registered agent: node key plus one observed process key under the same lease. */
    private record Agent(LeaseKeeper keeper, LeasedWriter writer) implements AutoCloseable {
        @Override
        public void close() {
            writer.close();
            keeper.close();
        }
    }

    private Agent start(NodeInfo node) {
        new NodeClaim(store, keys).await(node.nodeId());
        NodeRegistration registration = new NodeRegistration(store, keys, node);
        LeasedWriter writer = new LeasedWriter(store, node.nodeId());
        registration.bind(writer);
        writer.put(keys.process(node.nodeId(), "app", "prg"), new ProcessStatus(ProcessState.RUNNING, 42L,
                Instant.now(), null, null, false, null, 1, Instant.now()));
        return new Agent(LeaseKeeper.start(store, TTL, node.nodeId(), registration), writer);
    }

    @Test
    void registersTheNodeAndItsProcessesUnderOneLeaseAndRemovesThemOnClose() {
        Agent agent = start(node("server_1", "host-a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.getRaw(keys.process("server_1", "app", "prg")).isPresent());
        Versioned<NodeInfo> registered = store.get(keys.node("server_1"), NodeInfo.class).orElseThrow();
        assertEquals("host-a", registered.value().hostId());
        assertEquals(registered.leaseId(), store.getRaw(keys.process("server_1", "app", "prg")).orElseThrow().leaseId());

        agent.close();

        assertTrue(store.getRaw(keys.node("server_1")).isEmpty(), "revoking the lease removes the registration at once");
        assertTrue(store.getRaw(keys.process("server_1", "app", "prg")).isEmpty());
    }

    @Test
    void aSecondAgentWithTheSameNodeIdIsRefused() {
        try (Agent first = start(node("server_1", "host-a"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> store.getRaw(keys.node("server_1")).isPresent());

            DuplicateNodeException refused = assertThrows(DuplicateNodeException.class,
                    () -> new NodeClaim(store, keys).await("server_1"));
            assertTrue(refused.getMessage().contains("already run by a live agent on host host-a"), refused.getMessage());
            assertEquals("host-a", store.get(keys.node("server_1"), NodeInfo.class).orElseThrow().value().hostId(),
                    "the first agent's registration is untouched");
        }
    }

    @Test
    void theRegistrationOfACrashedAgentIsWaitedOutNotTreatedAsADuplicate() {
        // a crashed agent: its key is there, bound to a lease nobody refreshes any more
        long orphanLease = store.grantLease(TTL);
        store.put(keys.node("server_1"), node("server_1", "host-a"), orphanLease);

        try (Agent restarted = start(node("server_1", "host-a"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> store.get(keys.node("server_1"), NodeInfo.class)
                    .map(v -> v.leaseId() != orphanLease).orElse(false));
        }
    }

    @Test
    void aLeaseRevokedBehindTheAgentsBackIsReplacedAndEveryKeyPublishedAgain() {
        try (Agent agent = start(node("server_1", "host-a"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> store.getRaw(keys.process("server_1", "app", "prg")).isPresent());
            long first = store.getRaw(keys.node("server_1")).orElseThrow().leaseId();

            store.revokeLease(first);

            await().atMost(TTL.multipliedBy(3)).until(() -> {
                Optional<Versioned<String>> process = store.getRaw(keys.process("server_1", "app", "prg"));
                Optional<Versioned<String>> registration = store.getRaw(keys.node("server_1"));
                return process.isPresent() && registration.isPresent() && registration.get().leaseId() != first
                        && process.get().leaseId() == registration.get().leaseId();
            });
            assertNotEquals(first, agent.keeper().leaseId());
        }
    }

    @Test
    void keysComeBackAfterEtcdIsKilledAndRestarted() {
        try (Agent agent = start(node("server_1", "host-a"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> store.getRaw(keys.process("server_1", "app", "prg")).isPresent());
            agent.writer().put(keys.process("server_1", "app", "other"), new ProcessStatus(ProcessState.STARTING, 43L,
                    Instant.now(), null, null, false, null, 1, Instant.now()));

            etcd.kill(0);
            // written while etcd is down: kept, and published once it is back
            agent.writer().put(keys.process("server_1", "app", "prg"), new ProcessStatus(ProcessState.EXITED, null,
                    Instant.now(), Instant.now(), 3, false, null, 1, Instant.now()));
            etcd.start(0);

            await().atMost(Duration.ofSeconds(20)).until(() -> store.get(keys.process("server_1", "app", "prg"),
                    ProcessStatus.class).map(v -> v.value().state() == ProcessState.EXITED).orElse(false)
                    && store.getRaw(keys.process("server_1", "app", "other")).isPresent()
                    && store.getRaw(keys.node("server_1")).isPresent());
        }
    }
}
