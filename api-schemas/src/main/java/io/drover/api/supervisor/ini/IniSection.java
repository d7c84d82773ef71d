package io.drover.api.supervisor.ini;

import io.drover.api.diagnostics.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A section merged over every file read so far. ConfigParser runs with {@code strict=False} for Supervisor, so a
 * section written twice (in one file or in several) is one section whose later options win.
 */
public final class IniSection {

    private final String name;
    private final SourceLocation header;
    private final Map<String, IniValue> options = new LinkedHashMap<>();

    IniSection(String name, SourceLocation header) {
        this.name = name;
        this.header = header;
    }

    /** The name between the brackets, case-sensitive and not trimmed, as ConfigParser keeps it. */
    public String name() {
        return name;
    }

    /** Where the section was first opened; Supervisor also names the first file that opened a section. */
    public SourceLocation header() {
        return header;
    }

    /** The options written in this section itself (without [DEFAULT]), keyed by lower-case name, in first-written order. */
    public Map<String, IniValue> options() {
        return Collections.unmodifiableMap(options);
    }

    public Optional<IniValue> option(String lowerCaseName) {
        return Optional.ofNullable(options.get(lowerCaseName));
    }

    void put(String lowerCaseName, IniValue value) {
        options.put(lowerCaseName, value);
    }
}
