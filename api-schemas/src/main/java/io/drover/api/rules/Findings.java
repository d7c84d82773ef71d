package io.drover.api.rules;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.source.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Problems found in one resource, reported at the line of the JSON pointer they concern. */
final class Findings {

    private final SourceMap sourceMap;
    private final String origin;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Findings(SourceMap sourceMap, String origin) {
        this.sourceMap = sourceMap;
        this.origin = origin;
    }

    SourceLocation locate(String pointer) {
        return sourceMap == null ? SourceLocation.of(origin) : sourceMap.locate(pointer);
    }

    void error(String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.error(locate(pointer), message, hint));
    }

    void warning(String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.warning(locate(pointer), message, hint));
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
