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
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Measures the machine and the agent's processes with OSHI. CPU figures are averages since the previous sample,
 * so the first sample after creation reads 0.
 */
public final class LoadSampler {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final Clock clock;
    private long[] previousTicks;
    private Map<Long, OSProcess> previousProcesses = Map.of();

    public LoadSampler(Clock clock) {
        SystemInfo system = new SystemInfo();
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.os = system.getOperatingSystem();
        this.clock = clock;
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    /** One sample; {@code pids} maps {@code app/process} keys to the pids of the processes running now. */
    public synchronized NodeStats sample(Map<String, Long> pids) {
        double cpu = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = processor.getSystemCpuLoadTicks();
        double[] averages = processor.getSystemLoadAverage(3);
        Map<String, ProcessUsage> usage = new HashMap<>();
        Map<Long, OSProcess> seen = new HashMap<>();
        pids.forEach((key, pid) -> {
            OSProcess process = os.getProcess(pid.intValue());
            if (process == null) {
                return;
            }
            OSProcess previous = previousProcesses.get(pid);
            // a reused pid is another process: its ticks cannot be compared with the old one's
            boolean comparable = previous != null && previous.getStartTime() == process.getStartTime();
            double load = comparable ? process.getProcessCpuLoadBetweenTicks(previous) : 0.0;
            usage.put(key, new ProcessUsage(Math.max(0.0, load), process.getResidentMemory()));
            seen.put(pid, process);
        });
        previousProcesses = seen;
        long total = memory.getTotal();
        return new NodeStats(Math.max(0.0, cpu), total - memory.getAvailable(), total,
                new LoadAverage(Math.max(0, averages[0]), Math.max(0, averages[1]), Math.max(0, averages[2])),
                usage, clock.instant());
    }
}
