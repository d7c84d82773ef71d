package io.drover.api.state;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Names;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user's decision about the duplicates of an application left for them (conciliation strategy USER), as Supvisors'
 * {@code conciliate} or its dashboard's per-copy "keep": which node's copy to keep for some processes, and a strategy
 * for the others. It applies to the copies running when it was made, not to later duplicates.
 *
 * @param keep        node whose copy is kept, by process name
 * @param strategy    strategy for the duplicated processes not in {@code keep} (USER: none)
 * @param requestId   id of the user request, echoed in events
 * @param requestedAt when the user decided
 */
public record ConciliationRequest(Map<String, String> keep, ConciliationStrategy strategy, String requestId,
                                  Instant requestedAt) {

    public ConciliationRequest {
        keep = keep == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(keep));
        keep.forEach((process, node) -> {
            Names.require("process", process);
            Names.require("node", node);
        });
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (keep.isEmpty() && (strategy == null || strategy == ConciliationStrategy.USER)) {
            throw new IllegalArgumentException("a conciliation decision keeps a copy or names a strategy other than USER");
        }
    }
}
