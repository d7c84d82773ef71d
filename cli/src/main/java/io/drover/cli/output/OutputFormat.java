package io.drover.cli.output;

/** How a command prints what it found. */
public enum OutputFormat {
    /** aligned text for people */
    TABLE,
    /** JSON for scripts */
    JSON,
    /** YAML, for people and scripts */
    YAML
}
