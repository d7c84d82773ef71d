package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.SourceLocation;
import java.util.List;

/**
 * A Supervisor process group as one configuration defines it: a [group:x] with the programs it lists, or a
 * [program:x] in no group, which Supervisor makes a group of its own. {@code complete} is false when some of its
 * programs could not be read, so later checks do not report their absence as another problem.
 */
public record GroupDefinition(String name, SourceLocation header, List<ProgramDefinition> programs, boolean complete) {

    public GroupDefinition {
        programs = List.copyOf(programs);
    }
}
