package io.drover.api.store;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT3S}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt") || text.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            switch (text.charAt(text.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // reported below with the accepted forms
        }
        throw new TypeConversionException("'" + value + "' is not a duration; write for example 500ms, 3s, 2m or 1h");
    }
}
