package io.drover.api.supervisor.ini;

import io.drover.api.diagnostics.SourceLocation;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One option value as ConfigParser holds it: the text (continuation lines joined with newlines), the line of its
 * {@code name = value} line, and the file it came from, whose directory is what {@code %(here)s} means for it.
 */
public record IniValue(String text, SourceLocation location, Path origin) {

    public IniValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(origin, "origin");
    }

    /** The absolute directory of the file that wrote this value: Supervisor's {@code %(here)s} for it. */
    public String here() {
        Path parent = origin.toAbsolutePath().normalize().getParent();
        return parent == null ? "/" : parent.toString();
    }
}
