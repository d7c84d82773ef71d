package io.drover.operator.workqueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test");

    @AfterEach
    void tearDown() {
        queue.shutDownNow();
    }

    @Test
    void aKeyAddedManyTimesIsQueuedOnce() throws InterruptedException {
        queue.add("web");
        queue.add("db");
        queue.add("web");
        queue.add("web");
        assertEquals(2, queue.length());
        assertEquals(Optional.of("web"), queue.poll(Duration.ZERO));
        assertEquals(Optional.of("db"), queue.poll(Duration.ZERO));
        assertEquals(Optional.empty(), queue.poll(Duration.ZERO));
    }

    @Test
    void aKeyAddedWhileBeingProcessedIsHandedOutAgainOnlyWhenDone() throws InterruptedException {
        queue.add("web");
        String taken = queue.take().orElseThrow();

        queue.add("web");
        queue.add("web");
        assertEquals(0, queue.length(), "not handed to a second taker while the first one processes it");
        assertEquals(Optional.empty(), queue.poll(Duration.ZERO));

        queue.done(taken);
        assertEquals(1, queue.length(), "processed once more, however many times it was added meanwhile");
        assertEquals(Optional.of("web"), queue.poll(Duration.ZERO));
        queue.done("web");
        assertEquals(0, queue.length(), "not added again since: done for good");
    }

    @Test
    void doneForAKeyNotBeingProcessedIsABug() {
        assertThrows(IllegalStateException.class, () -> queue.done("web"));
    }

    @Test
    void addAfterQueuesTheKeyOnlyOnceTheDelayHasPassed() {
        long start = System.nanoTime();
        queue.addAfter("web", Duration.ofMillis(300));
        assertEquals(0, queue.length());
        assertEquals(1, queue.waiting());

        await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 1);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        assertEquals(0, queue.waiting());
    }

    @Test
    void aKeyWaitsOnceForTheEarliestOfItsDelays() {
        long start = System.nanoTime();
        queue.addAfter("web", Duration.ofSeconds(30));
        queue.addAfter("web", Duration.ofMillis(200));
        queue.addAfter("web", Duration.ofSeconds(20));
        assertEquals(1, queue.waiting());

        await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 1);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
        assertEquals(0, queue.waiting(), "the longer delays were replaced, not kept");
    }

    @Test
    void aDelayThatIsNotPositiveAddsAtOnce() {
        queue.addAfter("web", Duration.ZERO);
        queue.addAfter("db", Duration.ofMillis(-5));
        assertEquals(2, queue.length());
    }

    @Test
    void rateLimitedAddsWaitTheBackoffOfTheKey() {
        WorkQueue<String> limited = new WorkQueue<>("limited",
                new ExponentialBackoff<>(Duration.ofMillis(100), Duration.ofSeconds(10), 0, () -> 0));
        try {
            long start = System.nanoTime();
            limited.addRateLimited("web");
            assertEquals(1, limited.retries("web"));
            await().atMost(Duration.ofSeconds(5)).until(() -> limited.length() == 1);
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
            limited.forget("web");
            assertEquals(0, limited.retries("web"));
        } finally {
            limited.shutDownNow();
        }
    }

    @Test
    void shutDownHandsOutWhatIsQueuedThenNothingAndAcceptsNoMore() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.addAfter("later", Duration.ofSeconds(30));
        queue.shutDown();
        queue.add("c");
        queue.addRateLimited("d");
        assertEquals(0, queue.waiting(), "delayed keys are dropped");

        List<String> drained = new ArrayList<>();
        Optional<String> next;
        while ((next = queue.take()).isPresent()) {
            drained.add(next.get());
            queue.done(next.get());
        }
        assertEquals(List.of("a", "b"), drained);
        assertTrue(queue.awaitDrained(Duration.ZERO));
    }

    @Test
    void shutDownNowDropsTheQueuedKeys() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.shutDownNow();
        assertEquals(Optional.empty(), queue.take());
    }

    @Test
    void aBlockedTakerIsReleasedByShutDown() {
        List<Optional<String>> results = new ArrayList<>();
        Thread taker = new Thread(() -> {
            try {
                results.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> taker.getState() == Thread.State.WAITING);
        queue.shutDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !taker.isAlive());
        assertEquals(List.of(Optional.empty()), results);
    }
}
