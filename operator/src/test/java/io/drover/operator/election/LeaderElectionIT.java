package io.drover.operator.election;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.LeaderRecord;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.api.store.WriteResult;
import io.drover.testing.etcd.EtcdExtension;
import io.drover.testing.net.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderElectionIT {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionIT.class);
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EtcdStore store;
    private Keyspace keys;

    @BeforeEach
    void setUp() {
        store = etcd.store();
        keys = Keyspace.withPrefix(etcd.freshPrefix());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** One operator replica: its election and what its listener heard, with when. */
    private final class Candidate implements LeadershipListener {
        final String id;
        final List<Leadership> elected = new CopyOnWriteArrayList<>();
        final List<Demotion> demoted = new CopyOnWriteArrayList<>();
        final List<Long> electedAtNanos = new CopyOnWriteArrayList<>();
        final List<Long> demotedAtNanos = new CopyOnWriteArrayList<>();
        final LeaderElection election;

        Candidate(String id, EtcdStore over) {
            this.id = id;
            this.election = LeaderElection.start(over, ElectionConfig.of(keys, id, TTL), this);
            toClose.add(election);
        }

        @Override
        public void onElected(Leadership leadership) {
            electedAtNanos.add(System.nanoTime());
            elected.add(leadership);
        }

        @Override
        public void onDemoted(Demotion demotion) {
            demotedAtNanos.add(System.nanoTime());
            demoted.add(demotion);
        }

        long epoch() {
            return election.currentEpoch().orElseThrow();
        }
    }

    private Candidate candidate(String id) {
        return new Candidate(id, store);
    }

    private Versioned<LeaderRecord> leaderKey() {
        return store.get(keys.leader(), LeaderRecord.class).orElseThrow();
    }

    private WriteResult<Map<String, Integer>> fencedWrite(long epoch) {
        return store.compareAndSet(keys.applicationStatus("web"),
                store.getRaw(keys.applicationStatus("web")).map(Versioned::modRevision).orElse(0L),
                Map.of("epoch", (int) epoch), List.of(io.drover.api.store.Guards.leaderEpoch(keys.leader(), epoch)));
    }

    @Test
    void ofTwoContendersExactlyOneLeadsWithTheLeaderKeysCreateRevisionAsEpoch() {
        Candidate a = candidate("op-a");
        Candidate b = candidate("op-b");

        await().atMost(DEADLINE).until(() -> a.election.isLeader() || b.election.isLeader());
        Candidate leader = a.election.isLeader() ? a : b;
        Candidate standby = leader == a ? b : a;
        Versioned<LeaderRecord> key = leaderKey();
        assertEquals(key.createRevision(), leader.epoch());
        assertEquals(leader.id, key.value().operatorId());
        assertEquals(List.of(key.createRevision()), leader.elected.stream().map(Leadership::epoch).toList());
        await().atMost(DEADLINE).until(() -> standby.election.observedLeader().isPresent());
        assertEquals(Optional.of(new LeaderRecord(leader.id, key.createRevision(), key.value().acquiredAt())),
                standby.election.observedLeader());

        // and it stays that way over several TTLs: the leader's refreshes keep it, the standby never wins
        long until = System.nanoTime() + TTL.multipliedBy(3).toNanos();
        await().atMost(DEADLINE).until(() -> {
            assertTrue(leader.election.isLeader(), "the leader keeps leading");
            assertFalse(standby.election.isLeader(), "the standby never leads at the same time");
            return System.nanoTime() - until > 0;
        });
        assertEquals(1, leader.elected.size());
        assertEquals(List.of(), leader.demoted);
        assertEquals(List.of(), standby.elected);
        assertEquals(WriteResult.Outcome.WRITTEN, fencedWrite(leader.epoch()).outcome());
        assertThrows(NotLeaderException.class, standby.election::guard);
    }

    @Test
    void whenTheLeaderResignsTheStandbyTakesOverAtOnce() {
        Candidate a = candidate("op-a");
        await().atMost(DEADLINE).until(a.election::isLeader);
        long oldEpoch = a.epoch();
        Candidate b = candidate("op-b");
        await().atMost(DEADLINE).until(() -> b.election.observedLeader().isPresent());

        long closedAt = System.nanoTime();
        a.election.close();
        assertEquals(List.of(Demotion.Cause.CLOSED), a.demoted.stream().map(Demotion::cause).toList());
        assertEquals(OptionalLong.empty(), a.election.currentEpoch());

        await().atMost(TTL.plusSeconds(1)).until(b.election::isLeader);
        long failover = (b.electedAtNanos.get(0) - closedAt) / 1_000_000;
        LOG.info("failover after resignation: {} ms", failover);
        assertTrue(b.epoch() > oldEpoch);
        assertTrue(failover < TTL.toMillis(), "resigning deletes the key: no need to wait for the lease, took " + failover + " ms");
        assertEquals(WriteResult.Outcome.GUARD_FAILED, fencedWrite(oldEpoch).outcome(), "the old epoch is fenced off");
        assertEquals(WriteResult.Outcome.WRITTEN, fencedWrite(b.epoch()).outcome());
    }

    @Test
    void aLeaderWhoseLeaseIsRevokedBehindItsBackStepsDownAndItsOldEpochIsFenced() {
        Candidate a = candidate("op-a");
        await().atMost(DEADLINE).until(a.election::isLeader);
        long oldEpoch = a.epoch();
        long lease = leaderKey().leaseId();

        assertTrue(store.revokeLease(lease));

        await().atMost(TTL).until(() -> !a.demoted.isEmpty());
        Demotion demotion = a.demoted.get(0);
        assertEquals(oldEpoch, demotion.epoch());
        assertTrue(List.of(Demotion.Cause.KEY_DELETED, Demotion.Cause.LEASE_LOST).contains(demotion.cause()), demotion.toString());
        assertEquals(WriteResult.Outcome.GUARD_FAILED, fencedWrite(oldEpoch).outcome());

        // it campaigns again with a fresh lease, and wins a new epoch
        await().atMost(DEADLINE).until(() -> a.elected.size() == 2 && a.election.isLeader());
        long newEpoch = a.epoch();
        assertTrue(newEpoch > oldEpoch);
        assertNotEquals(lease, leaderKey().leaseId());
        assertEquals(WriteResult.Outcome.WRITTEN, fencedWrite(newEpoch).outcome());
    }

    @Test
    void aRefusedFencedWriteEndsTheTermAndTheReplicaCampaignsAgain() {
        Candidate a = candidate("op-a");
        await().atMost(DEADLINE).until(a.election::isLeader);
        long oldEpoch = a.epoch();

        a.election.fencedWriteFailed(oldEpoch - 1);
        assertTrue(a.election.isLeader(), "a late report about an older term is ignored");

        a.election.fencedWriteFailed();
        assertFalse(a.election.isLeader(), "stepped down at once, before any etcd round trip");
        await().atMost(DEADLINE).until(() -> a.elected.size() == 2 && a.election.isLeader());
        assertEquals(Demotion.Cause.FENCED_WRITE_REJECTED, a.demoted.get(0).cause());
        assertTrue(a.epoch() > oldEpoch, "a fresh lease and a fresh key: a new epoch");
        assertEquals(a.epoch(), leaderKey().createRevision());
    }

    @Test
    void aLeaderCutOffFromEtcdStepsDownByItsOwnClockBeforeAnyoneElseIsElected() {
        TcpProxy proxy = TcpProxy.to(etcd.endpoint(0));
        toClose.add(proxy);
        EtcdStore throughProxy = EtcdStore.over(etcd.newClient(List.of(proxy.endpoint())), List.of(proxy.endpoint()),
                Duration.ofSeconds(2));
        Candidate a = new Candidate("op-a", throughProxy);
        await().atMost(DEADLINE).until(a.election::isLeader);
        long oldEpoch = a.epoch();
        Candidate b = candidate("op-b");
        await().atMost(DEADLINE).until(() -> b.election.observedLeader().isPresent());

        assertEquals(List.of(), a.demoted, "led without interruption until the cut");
        long cutAt = System.nanoTime();
        proxy.blackhole();

        await().atMost(DEADLINE).until(() -> !a.demoted.isEmpty());
        long demotedAfter = (a.demotedAtNanos.get(0) - cutAt) / 1_000_000;
        assertEquals(Demotion.Cause.LEASE_EXPIRED, a.demoted.get(0).cause());
        assertTrue(demotedAfter <= TTL.toMillis(), "stepped down within the TTL by its own clock, took " + demotedAfter + " ms");

        await().atMost(DEADLINE).until(b.election::isLeader);
        long failover = (b.electedAtNanos.get(0) - cutAt) / 1_000_000;
        LOG.info("partitioned leader stepped down after {} ms; standby elected after {} ms", demotedAfter, failover);
        assertTrue(a.demotedAtNanos.get(0) < b.electedAtNanos.get(0), "never two leaders: the old one stopped first");
        assertTrue(b.epoch() > oldEpoch);
        assertFalse(a.election.isLeader());

        proxy.restore();
        // back in touch, the old leader finds the key held and stays a standby
        await().atMost(DEADLINE).until(() -> a.election.observedLeader().map(r -> r.epoch() == b.epoch()).orElse(false));
        assertFalse(a.election.isLeader());
        assertEquals(1, a.elected.size());
        assertEquals(WriteResult.Outcome.GUARD_FAILED, fencedWrite(oldEpoch).outcome());
    }

    @Test
    void aLeaderStepsDownWhenEtcdStopsAndIsElectedAgainWhenItIsBack() {
        Candidate a = candidate("op-a");
        await().atMost(DEADLINE).until(a.election::isLeader);
        long oldEpoch = a.epoch();

        assertEquals(List.of(), a.demoted, "led without interruption until etcd was killed");
        long stoppedAt = System.nanoTime();
        etcd.kill(0);
        await().atMost(DEADLINE).until(() -> !a.demoted.isEmpty());
        long demotedAfter = (a.demotedAtNanos.get(0) - stoppedAt) / 1_000_000;
        LOG.info("leader stepped down {} ms after etcd was killed", demotedAfter);
        assertEquals(Demotion.Cause.LEASE_EXPIRED, a.demoted.get(0).cause());
        assertTrue(demotedAfter <= TTL.toMillis(), "stepped down within the TTL with etcd gone, took " + demotedAfter + " ms");
        assertEquals(OptionalLong.empty(), a.election.currentEpoch());

        etcd.start(0);
        // etcd restores the old lease with a fresh TTL; the replica revokes it and wins with a new epoch
        await().atMost(Duration.ofSeconds(20)).until(() -> a.election.isLeader());
        assertTrue(a.epoch() > oldEpoch);
        assertEquals(a.epoch(), leaderKey().createRevision());
    }

    @Test
    void theTermSaysHowLongItHasLasted() {
        Candidate a = candidate("op-a");
        await().atMost(DEADLINE).until(a.election::isLeader);
        Leadership leadership = a.election.leadership().orElseThrow();
        assertFalse(leadership.heldForAtLeast(Duration.ofMinutes(1)));
        await().atMost(DEADLINE).until(() -> leadership.heldForAtLeast(Duration.ofMillis(500)));
        assertTrue(leadership.heldFor().compareTo(Duration.ofMillis(500)) >= 0);
        assertEquals(WriteResult.Outcome.WRITTEN,
                store.put(keys.applicationStatus("web"), Map.of("ok", 1), 0, List.of(a.election.guard())).outcome());
    }
}
