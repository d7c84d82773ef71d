package io.drover.api.state;

import java.time.Instant;
import java.util.Map;

/**
 * Measured load of a node ({@code v1/nodestats/<node>}), under the node agent's lease; rewritten only when it
 * changed enough, so that idle nodes do not flood etcd.
 *
 * @param cpu               CPU used by the whole machine, as a fraction of all its cores (0.0 to 1.0)
 * @param memoryUsedBytes   memory in use, in bytes
 * @param memoryTotalBytes  physical memory, in bytes
 * @param loadAverage       the operating system's load averages
 * @param processes         usage of each process the agent runs, keyed by {@code app/process}
 *                          ({@link #processKey(String, String)})
 * @param sampledAt         when these values were measured
 */
public record NodeStats(double cpu, long memoryUsedBytes, long memoryTotalBytes, LoadAverage loadAverage,
                        Map<String, ProcessUsage> processes, Instant sampledAt) {

    public NodeStats {
        processes = processes == null ? Map.of() : Map.copyOf(processes);
    }

    /** The key of {@link #processes()} for a process of an application. */
    public static String processKey(String application, String process) {
        return application + "/" + process;
    }
}
