package io.drover.api.manifest;

import java.util.Locale;
import java.util.Optional;

/** The languages drover reads, recognised by file name. */
public enum InputFormat {
    /** drover manifests in YAML (several documents per file). */
    YAML,
    /** drover manifests in JSON. */
    JSON,
    /** a Supvisors rules file. */
    SUPVISORS_XML,
    /** a Supervisor configuration file (.ini or .conf). */
    SUPERVISOR_INI;

    public static Optional<InputFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".xml")) {
            return Optional.of(SUPVISORS_XML);
        }
        if (name.endsWith(".ini") || name.endsWith(".conf")) {
            return Optional.of(SUPERVISOR_INI);
        }
        return Optional.empty();
    }

    public static String knownExtensions() {
        return ".yaml, .yml, .json (drover manifests), .xml (Supvisors rules), .ini, .conf (Supervisor configuration)";
    }
}
