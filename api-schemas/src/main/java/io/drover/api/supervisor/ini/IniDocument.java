package io.drover.api.supervisor.ini;

import io.drover.api.diagnostics.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one ConfigParser instance holds after reading a main file and its includes: the sections in the order they
 * first appeared, and the {@code [DEFAULT]} section whose options every other section inherits.
 */
public final class IniDocument {

    /** ConfigParser's default section name; its options are visible from every section. */
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final Map<String, IniSection> sections = new LinkedHashMap<>();
    private IniSection defaults;

    /** Every section but [DEFAULT], in the order each first appeared. */
    public List<IniSection> sections() {
        return new ArrayList<>(sections.values());
    }

    public Optional<IniSection> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    public Optional<IniSection> defaults() {
        return Optional.ofNullable(defaults);
    }

    /** The value of {@code option} in {@code section}, falling back to [DEFAULT] as ConfigParser's {@code get} does. */
    public Optional<IniValue> value(IniSection section, String lowerCaseOption) {
        Optional<IniValue> own = section.option(lowerCaseOption);
        if (own.isPresent() || defaults == null) {
            return own;
        }
        return defaults.option(lowerCaseOption);
    }

    /** Opens {@code name} for writing: an existing section is reopened and merged into, as with {@code strict=False}. */
    IniSection open(String name, SourceLocation header) {
        if (DEFAULT_SECTION.equals(name)) {
            if (defaults == null) {
                defaults = new IniSection(name, header);
            }
            return defaults;
        }
        return sections.computeIfAbsent(name, n -> new IniSection(n, header));
    }
}
