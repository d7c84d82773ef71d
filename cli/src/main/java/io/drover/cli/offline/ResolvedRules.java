package io.drover.cli.offline;

import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.ResolvedProgram;
import java.util.List;

/** What {@code drover resolve} prints: the effective rules of one application and of the processes asked for. */
public record ResolvedRules(ResolvedApplication application, List<ResolvedProgram> programs) {

    public ResolvedRules {
        programs = List.copyOf(programs);
    }
}
