package io.drover.api.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that drover refuses. It carries every diagnostic found, so the message is complete and needs no stack trace
 * to be understood.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public InvalidInputException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining(System.lineSeparator())));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InvalidInputException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
