package io.drover.api.diagnostics;

import java.util.Objects;

/**
 * One problem found in user input: where, what is wrong, and how to fix it. Every error a user sees goes through
 * this record so that each one names the file, the line and what to do.
 */
public record Diagnostic(Severity severity, SourceLocation location, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourceLocation location, String message, String hint) {
        return new Diagnostic(Severity.ERROR, location, message, hint);
    }

    public static Diagnostic warning(SourceLocation location, String message, String hint) {
        return new Diagnostic(Severity.WARNING, location, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: message} and, when there is one, the hint on the next line. */
    public String format() {
        String head = location + ": " + severity.label() + ": " + message;
        return hint == null || hint.isBlank() ? head : head + System.lineSeparator() + "  hint: " + hint;
    }

    @Override
    public String toString() {
        return format();
    }
}
