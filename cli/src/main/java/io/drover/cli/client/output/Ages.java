package io.drover.cli.client.output;

import java.time.Duration;
import java.time.Instant;

/** Short durations as kubectl shows ages: 45s, 3m12s, 2h5m, 4d3h. */
public final class Ages {

    private Ages() {
    }

    public static String since(String isoInstant, Instant now) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return "-";
        }
        try {
            return of(Duration.between(Instant.parse(isoInstant), now));
        } catch (java.time.format.DateTimeParseException e) {
            return "-";
        }
    }

    public static String of(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
        }
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 == 0 ? "" : seconds % 86400 / 3600 + "h");
    }
}
