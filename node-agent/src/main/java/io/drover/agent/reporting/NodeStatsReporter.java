package io.drover.agent.reporting;

import io.drover.api.state.NodeStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the node every period and publishes {@code v1/nodestats/<node>} only when the figures moved enough
 * ({@link StatsChange}), so an idle node costs etcd nothing.
 */
public final class NodeStatsReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStatsReporter.class);

    private final LoadSampler sampler;
    private final LeasedWriter writer;
    private final String key;
    private final Supplier<Map<String, Long>> pids;
    private final ScheduledExecutorService timer;
    private NodeStats published;

    /**
     * @param pids the pids of the processes running now, keyed by {@code app/process}
     *             ({@link NodeStats#processKey(String, String)})
     */
    public NodeStatsReporter(LoadSampler sampler, LeasedWriter writer, String key, Supplier<Map<String, Long>> pids,
                             Duration period) {
        this.sampler = sampler;
        this.writer = writer;
        this.key = key;
        this.pids = pids;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "drover-nodestats");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sampleOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample and publishes it if it changed enough; returns whether it was published. */
    synchronized boolean sampleOnce() {
        try {
            NodeStats next = sampler.sample(pids.get());
            if (StatsChange.significant(published, next)) {
                writer.put(key, next);
                published = next;
                return true;
            }
        } catch (RuntimeException e) {
            // a failed measurement must not stop the next ones
            LOG.warn("cannot measure the node's load: {}", e.toString());
        }
        return false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
