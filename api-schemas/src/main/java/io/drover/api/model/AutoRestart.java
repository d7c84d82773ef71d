package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Supervisor's {@code autorestart}: never, only after an unexpected exit (the default), or always. */
public enum AutoRestart {
    FALSE("false"), UNEXPECTED("unexpected"), TRUE("true");

    private final String text;

    AutoRestart(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    /** Accepts what Supervisor accepts: true/yes/on/1, false/no/off/0, unexpected (any case). */
    public static Optional<AutoRestart> parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(TRUE);
            case "false", "no", "off", "0" -> Optional.of(FALSE);
            case "unexpected" -> Optional.of(UNEXPECTED);
            default -> Optional.empty();
        };
    }

    @JsonCreator
    static AutoRestart fromJson(Object value) {
        if (value instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (value instanceof String s) {
            return parse(s).orElseThrow(() -> new IllegalArgumentException(
                    "'" + s + "' is not one of false, unexpected, true"));
        }
        throw new IllegalArgumentException("expected false, unexpected or true");
    }
}
