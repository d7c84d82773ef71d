package io.drover.cli.offline.breed;

import io.drover.api.diagnostics.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One section of a template file as ConfigParser holds it: its name, its options in written order (names in lower
 * case, values without interpolation) and where its header was read.
 */
public record Section(String name, Map<String, String> options, SourceLocation header) {

    public Section {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        // a copy that keeps the written order, which the output keeps too
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The same options under another name: a bred copy of a group. */
    public Section renamed(String newName) {
        return new Section(newName, options, header);
    }

    public boolean isGroup() {
        return name.startsWith("group:");
    }
}
