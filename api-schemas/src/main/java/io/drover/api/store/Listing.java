package io.drover.api.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key under a prefix at one revision.
 *
 * @param items    the keys in key order
 * @param revision revision of the store when the listing was taken; a watch from {@code revision + 1} misses nothing
 */
public record Listing<T>(List<Versioned<T>> items, long revision) {

    public Listing {
        items = List.copyOf(items);
    }

    /** The values alone, in key order. */
    public List<T> values() {
        return items.stream().map(Versioned::value).toList();
    }

    /** The items by key, in key order. */
    public Map<String, Versioned<T>> byKey() {
        Map<String, Versioned<T>> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(item.key(), item));
        return map;
    }
}
