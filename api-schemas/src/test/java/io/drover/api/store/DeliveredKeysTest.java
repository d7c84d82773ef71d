package io.drover.api.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveredKeysTest {

    private static Versioned<String> kv(String key, long modRevision) {
        return new Versioned<>(key, "{\"rev\":" + modRevision + "}", modRevision, 1, 1, 0);
    }

    private static List<String> describe(List<KeyEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.key() + "@" + e.modRevision()).toList();
    }

    @Test
    void nothingChangedMeansNoEvents() {
        Listing<String> listing = new Listing<>(List.of(kv("a", 2), kv("b", 3)), 10);
        assertEquals(List.of(), DeliveredKeys.of(listing).difference(new Listing<>(listing.items(), 20)));
    }

    @Test
    void newAndChangedKeysArePutsInRevisionOrderThenGoneKeysAreDeletes() {
        DeliveredKeys delivered = DeliveredKeys.of(new Listing<>(List.of(kv("a", 2), kv("b", 3), kv("c", 4), kv("d", 5)), 5));
        Listing<String> now = new Listing<>(List.of(kv("a", 9), kv("c", 4), kv("e", 7)), 12);

        assertEquals(List.of("PUT e@7", "PUT a@9", "DELETE b@12", "DELETE d@12"), describe(delivered.difference(now)));
    }

    @Test
    void followsTheEventsItRecorded() {
        DeliveredKeys delivered = DeliveredKeys.of(new Listing<>(List.of(kv("a", 2)), 2));
        delivered.record(List.of(KeyEvent.put(kv("b", 3)), KeyEvent.delete("a", 4), KeyEvent.put(kv("b", 5))));

        assertEquals(List.of(), describe(delivered.difference(new Listing<>(List.of(kv("b", 5)), 5))));
        assertEquals(List.of("PUT a@6", "DELETE b@6"), describe(delivered.difference(new Listing<>(List.of(kv("a", 6)), 6))));
    }
}
