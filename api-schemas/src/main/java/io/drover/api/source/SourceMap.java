package io.drover.api.source;

import io.drover.api.diagnostics.SourceLocation;
import java.util.Map;

/**
 * Where each part of a parsed document came from, keyed by JSON Pointer ({@code /spec/programs/0/command}). Any
 * input language (YAML, JSON, Supvisors XML, Supervisor ini) fills one, so validation can point at the line of the
 * file the user wrote whatever the language.
 */
public final class SourceMap {

    private final String file;
    private final SourceLocation start;
    private final Map<String, SourceLocation> locations;

    public SourceMap(String file, SourceLocation start, Map<String, SourceLocation> locations) {
        this.file = file;
        this.start = start;
        this.locations = Map.copyOf(locations);
    }

    /** A map for something that has no source text: every pointer resolves to the file alone. */
    public static SourceMap empty(String file) {
        return new SourceMap(file, SourceLocation.of(file), Map.of());
    }

    public String file() {
        return file;
    }

    public SourceLocation start() {
        return start;
    }

    /**
     * The location of {@code pointer}, or of its nearest ancestor that was recorded (a missing field is reported at
     * the object that should hold it).
     */
    public SourceLocation locate(String pointer) {
        String current = pointer == null ? "" : pointer;
        while (true) {
            SourceLocation found = locations.get(current);
            if (found != null) {
                return found;
            }
            if (current.isEmpty()) {
                return start;
            }
            int slash = current.lastIndexOf('/');
            current = slash <= 0 ? "" : current.substring(0, slash);
        }
    }

    /** Escapes one pointer segment as RFC 6901 requires. */
    public static String segment(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, String name) {
        return pointer + "/" + segment(name);
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
