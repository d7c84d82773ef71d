package io.drover.agent.bench;

import io.drover.agent.process.LocalSupervisor;
import io.drover.agent.process.ProcessDefinition;
import io.drover.agent.process.ProcessKey;
import io.drover.agent.process.ProcessListener;
import io.drover.agent.process.ProcessSnapshot;
import io.drover.agent.process.ShutdownMode;
import io.drover.agent.process.SupervisorSettings;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.ProcessState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures how fast the local supervisor spawns processes. Run with
 * {@code java -cp <test classpath> io.drover.agent.bench.SpawnBenchmark [count]}.
 *
 * <p>Prints, for {@code count} (default 200) processes of {@code sleep}: the latency of each spawn (the
 * {@code start} call, which checks the command, opens the log files, forks and execs through setsid and records
 * the process for adoption), and the time from the first start to the last RUNNING notification, with startsecs
 * 0 and with startsecs 1; then the time to stop them all.
 */
public final class SpawnBenchmark {

    private SpawnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.printf(Locale.ROOT, "%d processes, %d cores, %s%n", count, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run(count, 0, true); // warm-up: class loading, JIT, JNA
        run(count, 0, false);
        run(count, 1, false);
    }

    private static void run(int count, int startSecs, boolean warmUp) throws Exception {
        Path dir = Files.createTempDirectory("drover-bench");
        CountDownLatch running = new CountDownLatch(count);
        long[] runningAt = new long[1];
        ProcessListener listener = snapshot -> {
            if (snapshot.state() == ProcessState.RUNNING) {
                running.countDown();
                if (running.getCount() == 0) {
                    runningAt[0] = System.nanoTime();
                }
            }
        };
        LocalSupervisor supervisor = new LocalSupervisor(
                SupervisorSettings.of("bench", dir.resolve("logs"), dir.resolve("state")), listener);
        ProgramSpec program = ProgramSpec.builder("sleeper").command("sleep 600").startSecs(startSecs)
                .stopWaitSecs(5).build();
        long[] spawnNanos = new long[count];
        long begin = System.nanoTime();
        for (int index = 0; index < count; index++) {
            ProcessDefinition definition = ProcessDefinition.single("bench" + index, program, "h");
            long before = System.nanoTime();
            ProcessSnapshot snapshot = supervisor.start(definition);
            spawnNanos[index] = System.nanoTime() - before;
            if (snapshot.pid() == null) {
                throw new IllegalStateException("spawn failed: " + snapshot.spawnError());
            }
        }
        long allSpawned = System.nanoTime();
        if (!running.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(running.getCount() + " processes never reached RUNNING");
        }
        long stopBegin = System.nanoTime();
        supervisor.shutdown(ShutdownMode.STOP_ALL, Duration.ofMinutes(1));
        long stopped = System.nanoTime();
        List<ProcessKey> left = new ArrayList<>();
        supervisor.snapshots().stream().filter(s -> s.pid() != null).forEach(s -> left.add(s.key()));
        if (warmUp) {
            System.out.println("warm-up done");
            return;
        }
        Arrays.sort(spawnNanos);
        System.out.printf(Locale.ROOT, "startsecs=%d: spawn latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; all %d spawned in %d ms;"
                        + " all RUNNING %d ms after the first start; all stopped in %d ms%s%n",
                startSecs, millis(percentile(spawnNanos, 50)), millis(percentile(spawnNanos, 99)),
                millis(spawnNanos[count - 1]), count, (allSpawned - begin) / 1_000_000, (runningAt[0] - begin) / 1_000_000,
                (stopped - stopBegin) / 1_000_000, left.isEmpty() ? "" : " (" + left.size() + " left running!)");
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
