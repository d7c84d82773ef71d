package io.drover.operator.planning;

import io.drover.api.model.StartingStrategy;
import java.util.Optional;

/**
 * One attempt to bring an application to a state, named by the request that caused it: {@code R} for user request
 * R, {@value #AUTOSTART} for the automatic start. Automatic restarts of a run (running failure strategy
 * RESTART_APPLICATION) are new generations of it: {@code R~1}, {@code R~2}. Every assignment a run writes carries
 * its tag in {@code requestId}: the run id for a start (and for the stop that ends the run), the run id followed by
 * {@value #STOP_SUFFIX} for a stop that does not end it (stopping before a restart, a copy left behind on a lost
 * node).
 *
 * @param strategy   the starting strategy asked for (null: the application's)
 * @param targetNode the node LOCAL means (null: none)
 */
record Run(String base, int generation, Kind kind, StartingStrategy strategy, String targetNode) {

    static final String AUTOSTART = "autostart";
    static final String STOP_SUFFIX = "/stop";
    private static final char GENERATION = '~';

    /** What the run brings the application to. */
    enum Kind {
        /** Start sequence; processes that already run are left alone. */
        START,
        /** Stop what runs (stop sequence), then start sequence. */
        RESTART,
        /** Stop sequence; nothing starts. */
        STOP
    }

    String id() {
        return generation == 0 ? base : base + GENERATION + generation;
    }

    String stopTag() {
        return id() + STOP_SUFFIX;
    }

    /** Whether what runs must be stopped before the start sequence (a restart, or an automatic restart). */
    boolean restarts() {
        return kind == Kind.RESTART || (kind == Kind.START && generation > 0);
    }

    /** The next automatic restart of this run. */
    Run nextGeneration() {
        return new Run(base, generation + 1, Kind.RESTART, null, targetNode);
    }

    boolean isTag(String tag) {
        return id().equals(tag);
    }

    /** A tag read back: the run's base, generation, and whether it marks a stop that does not end the run. */
    record Tag(String base, int generation, boolean stopPhase) {
    }

    static Optional<Tag> parse(String tag) {
        if (tag == null || tag.isEmpty()) {
            return Optional.empty();
        }
        boolean stopPhase = tag.endsWith(STOP_SUFFIX);
        String id = stopPhase ? tag.substring(0, tag.length() - STOP_SUFFIX.length()) : tag;
        int at = id.lastIndexOf(GENERATION);
        if (at > 0 && at < id.length() - 1 && id.substring(at + 1).chars().allMatch(Character::isDigit)
                && id.length() - at <= 10) {
            return Optional.of(new Tag(id.substring(0, at), Integer.parseInt(id.substring(at + 1)), stopPhase));
        }
        return Optional.of(new Tag(id, 0, stopPhase));
    }
}
