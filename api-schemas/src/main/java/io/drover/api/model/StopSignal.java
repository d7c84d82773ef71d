package io.drover.api.model;

import java.util.Locale;
import java.util.Optional;

/** The signals Supervisor's {@code stopsignal} accepts, by name without the SIG prefix. */
public enum StopSignal {
    TERM(15), HUP(1), INT(2), QUIT(3), KILL(9), USR1(10), USR2(12);

    private final int number;

    StopSignal(int number) {
        this.number = number;
    }

    /** The Linux signal number. */
    public int number() {
        return number;
    }

    /** Parses {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15} as Supervisor does. */
    public static Optional<StopSignal> parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.startsWith("SIG")) {
            value = value.substring(3);
        }
        for (StopSignal signal : values()) {
            if (signal.name().equals(value) || String.valueOf(signal.number).equals(value)) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }
}
