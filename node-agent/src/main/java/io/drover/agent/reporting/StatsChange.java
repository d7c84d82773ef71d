package io.drover.agent.reporting;

import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessUsage;
import java.util.Map;

/**
 * Decides whether a new sample differs enough from the one last published to be worth an etcd write: placement needs
 * trends, not noise, and etcd's write budget is shared by every agent.
 */
public final class StatsChange {

    /** CPU change worth publishing, as a fraction of the machine (or of one core for a process). */
    static final double CPU_STEP = 0.05;
    /** Memory change worth publishing, as a fraction of the machine's memory (or of the process's previous RSS). */
    static final double MEMORY_STEP = 0.02;
    static final double RSS_STEP = 0.10;
    static final double LOAD_STEP = 0.5;

    private StatsChange() {
    }

    /** Whether {@code next} should replace {@code published}; always true when nothing is published yet. */
    public static boolean significant(NodeStats published, NodeStats next) {
        if (published == null) {
            return true;
        }
        if (Math.abs(next.cpu() - published.cpu()) >= CPU_STEP) {
            return true;
        }
        if (next.memoryTotalBytes() > 0 && Math.abs(next.memoryUsedBytes() - published.memoryUsedBytes())
                >= MEMORY_STEP * next.memoryTotalBytes()) {
            return true;
        }
        if (Math.abs(next.loadAverage().oneMinute() - published.loadAverage().oneMinute()) >= LOAD_STEP) {
            return true;
        }
        if (!next.processes().keySet().equals(published.processes().keySet())) {
            return true;
        }
        for (Map.Entry<String, ProcessUsage> entry : next.processes().entrySet()) {
            ProcessUsage before = published.processes().get(entry.getKey());
            ProcessUsage now = entry.getValue();
            if (Math.abs(now.cpu() - before.cpu()) >= CPU_STEP
                    || Math.abs(now.rssBytes() - before.rssBytes()) > RSS_STEP * Math.max(before.rssBytes(), 1)) {
                return true;
            }
        }
        return false;
    }
}
