package io.drover.operator.informer;

import io.drover.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of a prefix whose value cannot be decoded. Each is logged once, when it becomes unreadable, and again
 * when it is readable or deleted: an invalid value written by hand must be visible, but not flood the log at every
 * re-list.
 */
final class DecodeFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DecodeFailures.class);

    private final String informer;
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();

    DecodeFailures(String informer) {
        this.informer = informer;
    }

    void failed(String key, long modRevision, StoreException e) {
        Long previous = unreadable.put(key, modRevision);
        if (previous == null) {
            LOG.warn("informer {}: skipping {}: {}", informer, key, e.getMessage());
        } else if (previous != modRevision) {
            LOG.debug("informer {}: {} is still unreadable at revision {}", informer, key, modRevision);
        }
    }

    /** {@code key} was read successfully or deleted. */
    void cleared(String key) {
        if (unreadable.remove(key) != null) {
            LOG.info("informer {}: {} is no longer unreadable", informer, key);
        }
    }

    Set<String> keys() {
        return Set.copyOf(unreadable.keySet());
    }
}
