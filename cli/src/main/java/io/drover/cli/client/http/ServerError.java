package io.drover.cli.client.http;

import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import java.util.List;

/** An answer of the operator other than 2xx, read from its {@code application/problem+json} body. */
public final class ServerError extends ClientException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ServerError(int status, String code, String message, List<String> details) {
        super(exitCodeOf(status), message, details);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The problem's machine code (NOT_FOUND, CONFLICT, ...), or null when the body was not a problem. */
    public String code() {
        return code;
    }

    static int exitCodeOf(int status) {
        return switch (status) {
            case 404 -> ExitCode.NOT_FOUND;
            case 409 -> ExitCode.CONFLICT;
            case 408, 504 -> ExitCode.TIMEOUT;
            default -> ExitCode.ERROR;
        };
    }
}
