package io.drover.agent.bench;

import io.drover.agent.NodeAgent;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.testing.etcd.LocalEtcdCluster;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import io.etcd.jetcd.op.Op;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the node agent end to end against a real etcd. Run with
 * {@code java -cp <test classpath> io.drover.agent.bench.AgentBenchmark [count]}.
 *
 * <p>Prints the time from writing {@code count} (default 200) assignments until etcd shows them all RUNNING, with
 * startsecs 0 and 1; then, with them running, the agent's resident memory, its CPU use and its etcd writes per
 * second over an idle minute's sixth.
 */
public final class AgentBenchmark {

    private static final Duration IDLE = Duration.ofSeconds(10);

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("drover-agent-bench");
        try (LocalEtcdCluster etcd = LocalEtcdCluster.singleMember()) {
            etcd.start();
            try (EtcdStore store = EtcdStore.connect(etcd.endpoints())) {
                Keyspace keys = Keyspace.withPrefix("/bench/");
                NodeInfo node = new NodeInfo("bench_1", "localhost", List.of(), 100, URI.create("http://127.0.0.1:1"),
                        "bench", Instant.now());
                SupervisorSettings settings = SupervisorSettings.of("bench_1", dir.resolve("log"), dir.resolve("state"))
                        .withHere(dir);
                NodeAgent agent = NodeAgent.start(new NodeAgent.Settings(node, keys, Duration.ofSeconds(3), settings,
                        Duration.ofSeconds(Long.getLong("stats.period", 2)), null, false, Duration.ofSeconds(30)), store);
                System.out.printf(Locale.ROOT, "%d processes, %d cores, etcd on loopback%n", count,
                        Runtime.getRuntime().availableProcessors());
                runAll(store, keys, count, 0, "warm-up");
                stopAll(store, keys, count);
                runAll(store, keys, count, 0, "startsecs=0");
                stopAll(store, keys, count);
                runAll(store, keys, count, 1, "startsecs=1");
                idle(agent);
                agent.close();
            }
        }
    }

    private static void runAll(EtcdStore store, Keyspace keys, int count, int startSecs, String label) {
        long begin = System.nanoTime();
        // as the operator writes them: a few transactions, not one request per process
        List<Op> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "p%03d", i);
            ProgramSpec program = ProgramSpec.builder(name).command("sleep 600").startSecs(startSecs).build();
            batch.add(store.putOp(keys.assignment("bench_1", "bench", name), new Assignment(DesiredState.RUNNING, "-", 1,
                    "bench", name, Instant.now(), label).withProgram(program, false), 0));
            if (batch.size() == 100 || i == count - 1) {
                store.txn("benchmark assignments", List.of(), batch, List.of());
                batch.clear();
            }
        }
        long written = System.nanoTime();
        awaitStates(store, keys, count, ProcessState.RUNNING);
        long done = System.nanoTime();
        System.out.printf(Locale.ROOT, "%-12s %d assignments written in %d ms; all RUNNING in etcd %d ms after the first%n",
                label, count, (written - begin) / 1_000_000, (done - begin) / 1_000_000);
    }

    private static void stopAll(EtcdStore store, Keyspace keys, int count) {
        store.deletePrefix(keys.assignmentsPrefix("bench_1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!store.listRaw(keys.processesPrefix("bench_1")).items().isEmpty() && System.nanoTime() < deadline) {
            pause(50);
        }
    }

    /** Waits on a watch rather than polling, so that measuring does not steal the CPU being measured. */
    private static void awaitStates(EtcdStore store, Keyspace keys, int count, ProcessState state) {
        Map<String, ProcessState> states = new ConcurrentHashMap<>();
        CountDownLatch reached = new CountDownLatch(1);
        Runnable check = () -> {
            if (states.values().stream().filter(state::equals).count() == count) {
                reached.countDown();
            }
        };
        try (ResilientWatch watch = ResilientWatch.on(store, keys.processesPrefix("bench_1")).start(new WatchListener() {
            @Override
            public void onSnapshot(List<Versioned<String>> items, long revision) {
                items.forEach(i -> states.put(i.key(), ValueCodec.decode(i, ProcessStatus.class).value().state()));
                check.run();
            }

            @Override
            public void onEvents(List<KeyEvent> events) {
                for (KeyEvent event : events) {
                    if (event.isPut()) {
                        states.put(event.key(), ValueCodec.decode(event.key(), event.modRevision(), event.value(),
                                ProcessStatus.class).state());
                    } else {
                        states.remove(event.key());
                    }
                }
                check.run();
            }
        })) {
            if (!reached.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not all " + count + " processes reached " + state + " within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void idle(NodeAgent agent) throws Exception {
        pause(3000); // let the start settle: node statistics notice the new processes once
        long writesBefore = agent.writes();
        Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        long begin = System.nanoTime();
        pause(IDLE.toMillis());
        double seconds = (System.nanoTime() - begin) / 1e9;
        Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore);
        long writes = agent.writes() - writesBefore;
        System.out.printf(Locale.ROOT, "idle with %d processes over %.0f s: agent JVM RSS %d MB, CPU %.1f%% of one core,"
                        + " %.2f etcd writes/s%n", agent.supervisor().snapshots().size(), seconds, rssMegabytes(),
                100.0 * cpu.toNanos() / 1e9 / seconds, writes / seconds);
    }

    private static long rssMegabytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
