package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.SourceLocation;

/** What is wrong and what to do about it, before it is given a place in the file. */
record Problem(String message, String hint) {

    Diagnostic at(SourceLocation location) {
        return Diagnostic.error(location, message, hint);
    }
}
