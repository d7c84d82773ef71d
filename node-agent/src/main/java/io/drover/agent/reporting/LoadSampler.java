package io.drover.agent.reporting;

import io.drover.api.state.LoadAverage;
import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessUsage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Measures the machine with OSHI and the agent's processes from {@code /proc} ({@link ProcessTicks}). CPU figures
 * are averages since the previous sample, so the first sample of a process reads 0.
 */
public final class LoadSampler {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final Clock clock;
    private final long pageSize;
    private long[] previousTicks;
    private long previousSampleNanos;
    private Map<Long, ProcessTicks> previousProcesses = Map.of();

    public LoadSampler(Clock clock) {
        SystemInfo system = new SystemInfo();
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.pageSize = memory.getPageSize();
        this.clock = clock;
        this.previousTicks = processor.getSystemCpuLoadTicks();
        this.previousSampleNanos = System.nanoTime();
    }

    /** One sample; {@code pids} maps {@code app/process} keys to the pids of the processes running now. */
    public synchronized NodeStats sample(Map<String, Long> pids) {
        double cpu = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = processor.getSystemCpuLoadTicks();
        long now = System.nanoTime();
        double elapsedSeconds = Math.max(1e-3, (now - previousSampleNanos) / 1e9);
        previousSampleNanos = now;
        double[] averages = processor.getSystemLoadAverage(3);
        Map<String, ProcessUsage> usage = new HashMap<>();
        Map<Long, ProcessTicks> seen = new HashMap<>();
        pids.forEach((key, pid) -> ProcessTicks.read(pid).ifPresent(ticks -> {
            ProcessTicks previous = previousProcesses.get(pid);
            // a reused pid is another process: its ticks cannot be compared with the old one's
            boolean comparable = previous != null && previous.startTicks() == ticks.startTicks();
            double load = comparable
                    ? (ticks.cpuTicks() - previous.cpuTicks()) / (double) ProcessTicks.TICKS_PER_SECOND / elapsedSeconds
                    : 0.0;
            usage.put(key, new ProcessUsage(Math.max(0.0, load), ticks.rssPages() * pageSize));
            seen.put(pid, ticks);
        }));
        previousProcesses = seen;
        long total = memory.getTotal();
        return new NodeStats(Math.max(0.0, cpu), total - memory.getAvailable(), total,
                new LoadAverage(Math.max(0, averages[0]), Math.max(0, averages[1]), Math.max(0, averages[2])),
                usage, clock.instant());
    }
}
