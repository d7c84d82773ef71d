package io.drover.api.store;

import java.util.List;

/**
 * Receives what a {@link ResilientWatch} sees, always on the watch's own thread, one call at a time, in revision
 * order. A slow listener delays later deliveries but never reorders them. An exception thrown by the listener is
 * logged and does not stop the watch.
 */
public interface WatchListener {

    /**
     * The complete state under the prefix at {@code revision}: replace anything held before. Called once at start
     * (unless the watch starts after a caller-given revision), and again only when the watch must recover from a
     * compaction without knowing what the caller holds.
     */
    void onSnapshot(List<Versioned<String>> items, long revision);

    /**
     * Changes after the last snapshot or events, in revision order, each delivered exactly once. After a compaction
     * the watch re-lists and delivers the difference with what it had delivered: a PUT for each new or changed key,
     * a DELETE for each key gone, so intermediate values may be skipped but the end state is exact.
     */
    void onEvents(List<KeyEvent> events);

    /**
     * etcd confirms that every change up to {@code revision} has been delivered (an answer to
     * {@link ResilientWatch#requestProgress()}): a cache fed by this watch is complete up to there, even if nothing
     * under the prefix changed. Called on the watch's thread, in order with the other calls.
     */
    default void onProgress(long revision) {
    }
}
