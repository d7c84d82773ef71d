package io.drover.operator.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import io.drover.operator.OperatorNode;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.reconcile.Reconciler;
import io.drover.operator.testing.SimulatedAgent;
import io.drover.testing.etcd.LocalEtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * End-to-end figures of the operator over a real (local, single-member) etcd. Not a test: run it with
 * {@code java -cp <test classpath> io.drover.operator.bench.OperatorBenchmark}.
 *
 * <p><b>(a) Apply to assignments.</b> 50 simulated nodes (one lease each, answering their assignments through the
 * real keyspace), one rule set and 100 applications of 10 programs each, all auto-started in one stage (start
 * sequence 1, LESS_LOADED, load 2 each: 20 processes per node fit in 100). Measured from the first application
 * write: until etcd holds all 1,000 RUNNING assignments, until the agents report all 1,000 processes RUNNING, and
 * until the 100 application statuses say RUNNING. Everything is seen through etcd watches opened before the writes.
 * The operator, the 50 agents and the watches share this JVM (and the machine with etcd).
 *
 * <p><b>(b) Leader failover.</b> Two operator replicas, each with its own etcd client. A <i>crash</i> closes the
 * leader's client: its lease is neither refreshed nor revoked, so etcd expires it after the TTL and the standby's
 * watch of the leader key sees it go. A <i>resignation</i> is {@link OperatorNode#close()}: the leader key is
 * deleted and the lease revoked. Measured until the standby reports that it leads; for crashes also when the
 * crashed leader stops believing it leads (it must, before the standby takes over).
 */
public final class OperatorBenchmark {

    private static final int NODES = 50;
    private static final int APPLICATIONS = 100;
    private static final int PROGRAMS = 10;
    private static final int PROCESSES = APPLICATIONS * PROGRAMS;
    private static final int APPLY_ROUNDS = Integer.getInteger("bench.applyRounds", 3);
    private static final int FAILOVER_ROUNDS = Integer.getInteger("bench.failoverRounds", 5);
    private static final Duration TTL = Duration.ofSeconds(Long.getLong("bench.ttlSeconds", 2));
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private static final String RULES = """
            apiVersion: drover.io/v1
            kind: RuleSet
            metadata:
              name: bench
            spec:
              applications:
              - pattern: bench_
                distribution: ALL_INSTANCES
                identifiers: ["*"]
                startSequence: 1
                startingStrategy: LESS_LOADED
                programs:
                - pattern: ""
                  startSequence: 1
                  expectedLoading: 2
            """;

    private OperatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // a crashed replica keeps retrying against its closed client: keep the output to the figures
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.drover")).setLevel(Level.ERROR);
        LocalEtcdCluster etcd = LocalEtcdCluster.singleMember();
        etcd.start();
        try (EtcdStore store = EtcdStore.connect(etcd.endpoints())) {
            System.out.printf("etcd %s; %d nodes, %d applications x %d programs = %d processes; operator lease TTL %s%n",
                    etcd.endpoints(), NODES, APPLICATIONS, PROGRAMS, PROCESSES, TTL);
            applyBenchmark(etcd, store);
            failoverBenchmark(etcd, store);
        } finally {
            etcd.close();
        }
        System.exit(0);
    }

    // --- (a) apply -> assignments -> RUNNING ---

    private static void applyBenchmark(LocalEtcdCluster etcd, EtcdStore store) throws Exception {
        List<Long> writes = new ArrayList<>();
        List<Long> assigned = new ArrayList<>();
        List<Long> runningAll = new ArrayList<>();
        List<Long> statuses = new ArrayList<>();
        for (int round = 1; round <= APPLY_ROUNDS; round++) {
            ApplyResult result = applyRound(etcd, store, "/bench-apply-" + round + "/");
            System.out.printf("(a) round %d: writes %d ms; first assignment %d ms, all %d assignments in etcd %d ms; all RUNNING %d ms;"
                            + " all %d statuses RUNNING %d ms; %d assignment writes seen, %d non-empty plans applied;"
                            + " processes per node %d..%d%n",
                    round, ms(result.writes), ms(result.firstAssigned), PROCESSES, ms(result.assigned), ms(result.running), APPLICATIONS,
                    ms(result.statuses), result.assignmentPuts, result.plansApplied, result.idlest, result.busiest);
            writes.add(result.writes);
            assigned.add(result.assigned);
            runningAll.add(result.running);
            statuses.add(result.statuses);
        }
        System.out.printf("(a) over %d rounds (first is a cold JVM): application writes %s; all assignments %s;"
                + " all processes RUNNING %s; all statuses RUNNING %s%n", APPLY_ROUNDS, summary(writes), summary(assigned),
                summary(runningAll), summary(statuses));
    }

    private record ApplyResult(long writes, long assigned, long running, long statuses, long assignmentPuts, int busiest,
                               int idlest, long plansApplied, long firstAssigned) {
    }

    /** Counts the plans the reconciler applied that had actions (its DEBUG line "applied N action(s) for app"). */
    private static final class AppliedPlans extends AppenderBase<ILoggingEvent> {
        final AtomicLong plans = new AtomicLong();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getMessage().startsWith("applied")) {
                plans.incrementAndGet();
            }
        }
    }

    private static ApplyResult applyRound(LocalEtcdCluster etcd, EtcdStore store, String prefix) throws Exception {
        Keyspace keys = Keyspace.withPrefix(prefix);
        List<AutoCloseable> closing = new ArrayList<>();
        ch.qos.logback.classic.Logger reconcilerLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Reconciler.class);
        AppliedPlans applied = new AppliedPlans();
        applied.start();
        reconcilerLog.setLevel(Level.DEBUG);
        reconcilerLog.setAdditive(false);
        reconcilerLog.addAppender(applied);
        closing.add(() -> {
            reconcilerLog.detachAppender(applied);
            reconcilerLog.setAdditive(true);
            reconcilerLog.setLevel(null);
        });
        try {
            for (Sourced<Resource> resource : new ManifestReader().read(RULES, "bench.yaml", InputFormat.YAML)) {
                RuleSet ruleSet = (RuleSet) resource.value();
                store.put(keys.ruleSet(ruleSet.name()), ruleSet);
            }
            List<SimulatedAgent> agents = new ArrayList<>();
            for (int n = 1; n <= NODES; n++) {
                String id = String.format("node_%02d", n);
                NodeInfo node = new NodeInfo(id, "host-" + id, List.of("bench"), NodeInfo.DEFAULT_CAPACITY,
                        URI.create("http://127.0.0.1:0"), "simulated", Instant.now());
                SimulatedAgent agent = SimulatedAgent.start(store, keys, node, Duration.ofSeconds(10));
                agents.add(agent);
                closing.add(agent);
            }
            Counter assignments = new Counter(a -> ValueCodec.decode("-", 0, a, Assignment.class).desired() == DesiredState.RUNNING,
                    PROCESSES);
            Counter running = new Counter(p -> ValueCodec.decode("-", 0, p, ProcessStatus.class).state() == ProcessState.RUNNING,
                    PROCESSES);
            Counter statuses = new Counter(s -> ValueCodec.decode("-", 0, s, ApplicationStatus.class).state()
                    == ApplicationState.RUNNING, APPLICATIONS);
            closing.add(ResilientWatch.on(store, keys.assignmentsPrefix()).name("bench-assignments").start(assignments));
            closing.add(ResilientWatch.on(store, keys.processesPrefix()).name("bench-processes").start(running));
            closing.add(ResilientWatch.on(store, keys.applicationStatusesPrefix()).name("bench-statuses").start(statuses));

            EtcdStore operatorStore = EtcdStore.connect(etcd.endpoints());
            closing.add(operatorStore);
            OperatorNode operator = OperatorNode.start(new OperatorNode.Settings("op-bench", keys, TTL, TTL,
                    Duration.ofMinutes(5), PlannerSettings.defaults().withEventSource("operator/op-bench")), operatorStore);
            closing.add(operator);
            awaitTrue("the operator leads with synced caches", () -> operator.isLeader() && operator.cache().hasSynced());
            // the node keys must be in the leader's cache before the applications come, or the first plans see no node
            awaitTrue("the operator sees every node", () -> operator.cache().nodes().snapshot().size() == NODES);

            long start = System.nanoTime();
            for (int a = 1; a <= APPLICATIONS; a++) {
                List<ProgramSpec> programs = new ArrayList<>();
                for (int p = 1; p <= PROGRAMS; p++) {
                    programs.add(ProgramSpec.of(String.format("prog_%02d", p), "./prog_" + p));
                }
                store.put(keys.application(String.format("bench_%03d", a)), Application.of(String.format("bench_%03d", a),
                        ApplicationSpec.ofPrograms(programs)));
            }
            long written = System.nanoTime() - start;
            long allAssigned = assignments.await(start);
            long firstAssigned = assignments.firstAt.get() - start;
            long allRunning = running.await(start);
            long allStatuses = statuses.await(start);
            long plans = applied.plans.get();
            int busiest = agents.stream().mapToInt(a -> (int) a.runningCount()).max().orElse(0);
            int idlest = agents.stream().mapToInt(a -> (int) a.runningCount()).min().orElse(0);
            return new ApplyResult(written, allAssigned, allRunning, allStatuses, assignments.puts.get(), busiest, idlest, plans, firstAssigned);
        } finally {
            Collections.reverse(closing);
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
            store.deletePrefix(prefix);
        }
    }

    /** Counts the keys under a prefix whose value passes a test, and notes when the count first reaches a target. */
    private static final class Counter implements WatchListener {
        private final Predicate<String> passes;
        private final int target;
        private final Map<String, Boolean> keys = new ConcurrentHashMap<>();
        private final AtomicLong reachedAt = new AtomicLong();
        private final AtomicLong firstAt = new AtomicLong();
        private final AtomicLong puts = new AtomicLong();
        private int count;

        Counter(Predicate<String> passes, int target) {
            this.passes = passes;
            this.target = target;
        }

        @Override
        public void onSnapshot(List<Versioned<String>> items, long revision) {
            items.forEach(item -> update(item.key(), item.value()));
        }

        @Override
        public void onEvents(List<KeyEvent> events) {
            for (KeyEvent event : events) {
                update(event.key(), event.isPut() ? event.value() : null);
            }
        }

        private void update(String key, String value) {
            long now = System.nanoTime();
            if (value != null) {
                puts.incrementAndGet();
            }
            boolean passing = value != null && passes.test(value);
            Boolean before = passing ? keys.put(key, true) : keys.remove(key);
            if (passing && before == null) {
                count++;
            } else if (!passing && before != null) {
                count--;
            }
            if (count >= 1 && firstAt.get() == 0) {
                firstAt.set(now);
            }
            if (count >= target && reachedAt.get() == 0) {
                reachedAt.set(now);
            }
        }

        long await(long start) {
            awaitTrue("a count of " + target, () -> reachedAt.get() != 0);
            return reachedAt.get() - start;
        }
    }

    // --- (b) leader failover ---

    private static void failoverBenchmark(LocalEtcdCluster etcd, EtcdStore store) throws Exception {
        Keyspace keys = Keyspace.withPrefix("/bench-failover/");
        List<Long> crashTakeover = new ArrayList<>();
        List<Long> crashSelfDemotion = new ArrayList<>();
        List<Long> resignTakeover = new ArrayList<>();
        List<Long> resignClose = new ArrayList<>();
        int[] counter = {0};
        Replica leader = Replica.start(etcd, keys, "op-" + (++counter[0]));
        awaitTrue("a first leader", leader.node::isLeader);

        for (int round = 1; round <= FAILOVER_ROUNDS; round++) {
            Replica standby = Replica.start(etcd, keys, "op-" + (++counter[0]));
            awaitStandingBy(standby, leader);
            long crashed = System.nanoTime();
            leader.crash();
            long demoted = 0;
            long took = 0;
            long deadline = crashed + DEADLINE.toNanos();
            while ((demoted == 0 || took == 0) && System.nanoTime() < deadline) {
                if (demoted == 0 && !leader.node.isLeader()) {
                    demoted = System.nanoTime() - crashed;
                }
                if (took == 0 && standby.node.isLeader()) {
                    took = System.nanoTime() - crashed;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            if (took == 0) {
                throw new IllegalStateException("the standby did not take over within " + DEADLINE);
            }
            System.out.printf("(b) crash %d: old leader stopped leading after %d ms, standby leads after %d ms%s%n", round,
                    ms(demoted), ms(took), demoted > took ? "  !! OVERLAP" : "");
            crashSelfDemotion.add(demoted);
            crashTakeover.add(took);
            leader.disposeInBackground();
            leader = standby;
        }

        for (int round = 1; round <= FAILOVER_ROUNDS; round++) {
            Replica standby = Replica.start(etcd, keys, "op-" + (++counter[0]));
            awaitStandingBy(standby, leader);
            Replica resigning = leader;
            AtomicLong closeTook = new AtomicLong();
            long start = System.nanoTime();
            Thread closer = new Thread(() -> {
                resigning.node.close();
                closeTook.set(System.nanoTime() - start);
            }, "bench-resign");
            closer.start();
            awaitTrue("the standby takes over", standby.node::isLeader);
            long took = System.nanoTime() - start;
            closer.join(DEADLINE.toMillis());
            resigning.store.close();
            System.out.printf("(b) resign %d: standby leads after %d ms (close() returned after %d ms)%n", round,
                    ms(took), ms(closeTook.get()));
            resignTakeover.add(took);
            resignClose.add(closeTook.get());
            leader = standby;
        }
        leader.node.close();
        leader.store.close();
        store.deletePrefix(keys.prefix());

        System.out.printf("(b) crash (TTL %s) -> standby leads: %s; crashed leader stops leading: %s%n", TTL,
                summary(crashTakeover), summary(crashSelfDemotion));
        System.out.printf("(b) resign -> standby leads: %s; close() itself: %s%n", summary(resignTakeover),
                summary(resignClose));
    }

    /** One operator replica with an etcd client of its own, so that it can crash alone. */
    private record Replica(OperatorNode node, EtcdStore store) {

        static Replica start(LocalEtcdCluster etcd, Keyspace keys, String id) {
            EtcdStore own = EtcdStore.connect(etcd.endpoints());
            return new Replica(OperatorNode.start(new OperatorNode.Settings(id, keys, TTL, TTL, Duration.ofMinutes(5),
                    PlannerSettings.defaults().withEventSource("operator/" + id)), own), own);
        }

        /** The process dies: its client goes, nothing is revoked, nothing is deleted. */
        void crash() {
            store.close();
        }

        /** Stops the crashed replica's threads without waiting (they only fail against the closed client). */
        void disposeInBackground() {
            Thread thread = new Thread(() -> {
                try {
                    node.close();
                } catch (RuntimeException ignored) {
                    // its client is closed: whatever it tried to tell etcd could not go
                }
            }, "bench-dispose-" + node.election().config().operatorId());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static void awaitStandingBy(Replica standby, Replica leader) {
        awaitTrue("the standby is synced and sees the leader", () -> standby.node.cache().hasSynced()
                && standby.node.election().observedLeader().map(l -> l.operatorId()
                .equals(leader.node.election().config().operatorId())).orElse(false)
                && leader.node.isLeader() && !standby.node.isLeader());
    }

    // --- plumbing ---

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long p50 = sorted.get((sorted.size() - 1) / 2);
        long max = sorted.get(sorted.size() - 1);
        return String.format("p50 %d ms, max %d ms (n=%d)", ms(p50), ms(max), sorted.size());
    }
}
