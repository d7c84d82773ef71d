package io.drover.cli.client;

import java.util.List;

/**
 * A failure of a client verb told as one sentence, with the exit code that classifies it and, for refused input,
 * one line per problem the server found.
 */
public class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient List<String> details;

    public ClientException(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public ClientException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    public static ClientException error(String message) {
        return new ClientException(ExitCode.ERROR, message);
    }

    public static ClientException notFound(String message) {
        return new ClientException(ExitCode.NOT_FOUND, message);
    }

    public static ClientException timeout(String message) {
        return new ClientException(ExitCode.TIMEOUT, message);
    }

    public int exitCode() {
        return exitCode;
    }

    /** Lines printed under the message, e.g. {@code file:line:column: error: ...}. */
    public List<String> details() {
        return details;
    }
}
