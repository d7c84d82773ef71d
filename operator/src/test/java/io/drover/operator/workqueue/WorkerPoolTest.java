package io.drover.operator.workqueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {

    private WorkQueue<String> queue = new WorkQueue<>("pool-test");
    private WorkerPool<String> pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.shutDownNow(Duration.ofSeconds(5));
        }
        queue.shutDownNow();
    }

    @Test
    void oneKeyIsNeverProcessedByTwoWorkersAtOnce() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInsideAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        pool = WorkerPool.start(queue, 4, key -> {
            int now = inside.incrementAndGet();
            mostInsideAtOnce.accumulateAndGet(now, Math::max);
            try {
                if (runs.incrementAndGet() == 1) {
                    firstRunStarted.countDown();
                    assertTrue(releaseFirstRun.await(10, TimeUnit.SECONDS));
                }
                return WorkResult.done();
            } finally {
                inside.decrementAndGet();
            }
        });

        queue.add("web");
        assertTrue(firstRunStarted.await(5, TimeUnit.SECONDS));
        // three idle workers, and the key added again and again while the first run is stuck
        for (int i = 0; i < 50; i++) {
            queue.add("web");
        }
        assertEquals(0, queue.length(), "held back while being processed");
        releaseFirstRun.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2 && inside.get() == 0);
        assertEquals(1, mostInsideAtOnce.get(), "never two runs of the same key at once");
        assertTrue(queue.awaitDrained(Duration.ofSeconds(5)));
        assertEquals(2, runs.get(), "the 50 adds during the first run made exactly one more run");
    }

    @Test
    void differentKeysAreProcessedInParallel() throws InterruptedException {
        CountDownLatch allInside = new CountDownLatch(3);
        pool = WorkerPool.start(queue, 3, key -> {
            allInside.countDown();
            assertTrue(allInside.await(5, TimeUnit.SECONDS), "three keys processed at the same time");
            return WorkResult.done();
        });
        queue.add("a");
        queue.add("b");
        queue.add("c");
        assertTrue(allInside.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailingKeyIsRetriedWithGrowingWaitsAndForgottenOnSuccess() {
        queue = new WorkQueue<>("retry", new ExponentialBackoff<>(Duration.ofMillis(50), Duration.ofSeconds(5), 0, () -> 0));
        List<Long> attempts = new CopyOnWriteArrayList<>();
        Map<String, Integer> retriesSeen = new ConcurrentHashMap<>();
        pool = WorkerPool.start(queue, 2, key -> {
            attempts.add(System.nanoTime());
            retriesSeen.put(key + attempts.size(), queue.retries(key));
            if (attempts.size() < 4) {
                throw new IllegalStateException("etcd refused attempt " + attempts.size());
            }
            return WorkResult.done();
        });
        queue.add("web");

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() == 4 && queue.retries("web") == 0);
        assertEquals(Map.of("web1", 0, "web2", 1, "web3", 2, "web4", 3), retriesSeen);
        for (int i = 1; i < 4; i++) {
            long gap = attempts.get(i) - attempts.get(i - 1);
            long backoff = Duration.ofMillis(50L << (i - 1)).toNanos();
            assertTrue(gap >= backoff, "attempt " + (i + 1) + " came " + gap / 1_000_000 + " ms after the previous one,"
                    + " before its backoff of " + backoff / 1_000_000 + " ms");
        }
    }

    @Test
    void aRetryResultIsRetriedLikeAFailure() {
        AtomicInteger runs = new AtomicInteger();
        pool = WorkerPool.start(queue, 1, key -> runs.incrementAndGet() < 3 ? WorkResult.retry("not yet") : WorkResult.done());
        queue.add("web");
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 3 && queue.retries("web") == 0);
    }

    @Test
    void requeueAfterProcessesTheKeyAgainAfterTheDelay() {
        List<Long> runs = new CopyOnWriteArrayList<>();
        pool = WorkerPool.start(queue, 1, key -> {
            runs.add(System.nanoTime());
            return runs.size() == 1 ? WorkResult.requeueAfter(Duration.ofMillis(300)) : WorkResult.done();
        });
        queue.add("web");
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        assertTrue(runs.get(1) - runs.get(0) >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void shutDownFinishesTheQueuedKeysThenStopsTheWorkers() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> processed = new CopyOnWriteArrayList<>();
        pool = WorkerPool.start(queue, 1, key -> {
            assertTrue(release.await(5, TimeUnit.SECONDS));
            processed.add(key);
            return WorkResult.done();
        });
        queue.add("a");
        queue.add("b");
        queue.add("c");
        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(5)).until(queue::isShuttingDown);
            release.countDown();
        });
        releaser.start();
        assertTrue(pool.shutDown(Duration.ofSeconds(10)));
        assertEquals(List.of("a", "b", "c"), processed);
        pool = null;
    }

    @Test
    void periodicResyncAddsEveryKey() {
        try (PeriodicResync<String> resync = PeriodicResync.start(queue, Duration.ofMillis(100), () -> List.of("a", "b"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 2);
        }
    }
}
