package io.drover.agent.reporting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.LoadAverage;
import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessUsage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsChangeTest {

    private static final long GIB = 1L << 30;

    private static NodeStats stats(double cpu, long used, double load, Map<String, ProcessUsage> processes) {
        return new NodeStats(cpu, used, 8 * GIB, new LoadAverage(load, load, load), processes, Instant.EPOCH);
    }

    private static final NodeStats BASE = stats(0.20, 2 * GIB, 1.0, Map.of("app/prg", new ProcessUsage(0.10, 100_000_000)));

    @Test
    void theFirstSampleIsAlwaysPublished() {
        assertTrue(StatsChange.significant(null, BASE));
    }

    @Test
    void noiseIsNotPublished() {
        NodeStats noisy = stats(0.23, 2 * GIB + 10_000_000, 1.2, Map.of("app/prg", new ProcessUsage(0.12, 105_000_000)));
        assertFalse(StatsChange.significant(BASE, noisy));
    }

    @Test
    void aCpuStepIsPublished() {
        assertTrue(StatsChange.significant(BASE, stats(0.30, 2 * GIB, 1.0, BASE.processes())));
    }

    @Test
    void aMemoryStepIsPublished() {
        assertTrue(StatsChange.significant(BASE, stats(0.20, 3 * GIB, 1.0, BASE.processes())));
    }

    @Test
    void aLoadAverageStepIsPublished() {
        assertTrue(StatsChange.significant(BASE, stats(0.20, 2 * GIB, 1.6, BASE.processes())));
    }

    @Test
    void aProcessStartingOrStoppingIsPublished() {
        assertTrue(StatsChange.significant(BASE, stats(0.20, 2 * GIB, 1.0, Map.of())));
    }

    @Test
    void aProcessGrowingIsPublished() {
        assertTrue(StatsChange.significant(BASE, stats(0.20, 2 * GIB, 1.0,
                Map.of("app/prg", new ProcessUsage(0.10, 150_000_000)))));
    }
}
