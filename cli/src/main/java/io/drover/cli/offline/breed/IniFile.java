package io.drover.cli.offline.breed;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration file as breed reads and writes it: its path relative to the template (and so to the
 * destination), its {@code [DEFAULT]} options (empty when it has none) and its other sections in file order.
 */
public record IniFile(Path relative, Map<String, String> defaults, List<Section> sections) {

    public IniFile {
        Objects.requireNonNull(relative, "relative");
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        sections = List.copyOf(sections);
    }

    /** The relative path with '/' whatever the platform, as shown to users and matched by patterns. */
    public String name() {
        return TemplateGlob.slashed(relative);
    }
}
