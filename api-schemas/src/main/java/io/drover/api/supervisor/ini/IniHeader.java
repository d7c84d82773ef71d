package io.drover.api.supervisor.ini;

import io.drover.api.diagnostics.SourceLocation;

/** A {@code [name]} line as read from one file. */
public record IniHeader(String name, SourceLocation location) {
}
