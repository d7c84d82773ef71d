package io.drover.cli.client;

/** What {@code get} prints. */
public enum GetFormat {
    /** aligned columns */
    TABLE,
    /** more columns */
    WIDE,
    YAML,
    JSON,
    /** kind/name, one a line, for scripts */
    NAME,
    /** Supvisors' XML-RPC field names and values (applications and processes) */
    SUPVISORS
}
