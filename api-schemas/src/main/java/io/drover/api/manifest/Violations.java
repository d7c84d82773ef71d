package io.drover.api.manifest;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.source.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Problems found in one resource, by JSON pointer, turned into located diagnostics at the end. */
final class Violations {

    private final SourceMap sourceMap;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Violations(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    void error(String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.error(sourceMap.locate(pointer), message, hint));
    }

    void warning(String pointer, String message, String hint) {
        diagnostics.add(Diagnostic.warning(sourceMap.locate(pointer), message, hint));
    }

    void range(String pointer, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(pointer, field + " is " + value + "; it must be between " + min + " and " + max, null);
        }
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
