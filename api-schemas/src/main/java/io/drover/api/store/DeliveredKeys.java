package io.drover.api.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a watch has delivered and not deleted since, with the mod_revision of what it delivered: enough to tell,
 * from a fresh listing, exactly what the listener has not seen. Values are not kept, so a large prefix costs little.
 */
final class DeliveredKeys {

    private final Map<String, Long> modRevisions = new HashMap<>();

    static DeliveredKeys of(Listing<String> snapshot) {
        DeliveredKeys keys = new DeliveredKeys();
        snapshot.items().forEach(item -> keys.modRevisions.put(item.key(), item.modRevision()));
        return keys;
    }

    void record(List<KeyEvent> events) {
        for (KeyEvent event : events) {
            if (event.isPut()) {
                modRevisions.put(event.key(), event.modRevision());
            } else {
                modRevisions.remove(event.key());
            }
        }
    }

    /**
     * What changed between what was delivered and {@code listing}: a PUT for each new or changed key, in revision
     * order, then a DELETE (at the listing's revision) for each key gone, in key order. Keys created and deleted
     * in between, and intermediate values, leave no trace; the end state is exact.
     */
    List<KeyEvent> difference(Listing<String> listing) {
        List<KeyEvent> puts = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Versioned<String> item : listing.items()) {
            present.add(item.key());
            Long delivered = modRevisions.get(item.key());
            if (delivered == null || delivered != item.modRevision()) {
                puts.add(KeyEvent.put(item));
            }
        }
        puts.sort(Comparator.comparingLong(KeyEvent::modRevision).thenComparing(KeyEvent::key));
        List<KeyEvent> all = new ArrayList<>(puts);
        modRevisions.keySet().stream()
                .filter(key -> !present.contains(key))
                .sorted()
                .forEach(key -> all.add(KeyEvent.delete(key, listing.revision())));
        return all;
    }
}
