package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.ProgramSpec;
import java.util.Map;

/**
 * A [program:x] section as read for one group: the program ({@code nodes} not set), the line of its header, and the
 * line of each field that was written, keyed by its path below the program ({@code command}, {@code stdout/logfile}).
 */
public record ProgramDefinition(ProgramSpec spec, SourceLocation header, Map<String, SourceLocation> fields) {

    public ProgramDefinition {
        fields = Map.copyOf(fields);
    }

    public String name() {
        return spec.name();
    }

    /** Where {@code field} was written, or the section header when it was not. */
    public SourceLocation locate(String field) {
        return fields.getOrDefault(field, header);
    }
}
