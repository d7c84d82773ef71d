package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes written as Supervisor writes it: {@code 1024}, {@code 50MB}, {@code 1KB}, {@code 2GB} (powers of 1024). */
public record ByteSize(long bytes) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,18})\\s*(KB|MB|GB)?\\s*");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static Optional<ByteSize> parse(String text) {
        Matcher matcher = TEXT.matcher(text.toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        long unit = matcher.group(2) == null ? 1 : switch (matcher.group(2)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        if (value > Long.MAX_VALUE / unit) {
            return Optional.empty();
        }
        return Optional.of(new ByteSize(value * unit));
    }

    @JsonCreator
    static ByteSize fromJson(Object value) {
        if (value instanceof Number n) {
            return new ByteSize(n.longValue());
        }
        if (value instanceof String s) {
            return parse(s).orElseThrow(() -> new IllegalArgumentException(
                    "'" + s + "' is not a size; write a number of bytes or a number followed by KB, MB or GB"));
        }
        throw new IllegalArgumentException("expected a size such as 50MB");
    }

    /** The shortest exact Supervisor spelling: {@code 50MB} rather than {@code 52428800}. */
    @JsonValue
    public String text() {
        long gb = 1024L * 1024 * 1024;
        if (bytes != 0 && bytes % gb == 0) {
            return bytes / gb + "GB";
        }
        if (bytes != 0 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + "MB";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KB";
        }
        return Long.toString(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
