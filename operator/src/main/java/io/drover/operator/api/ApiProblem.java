package io.drover.operator.api;

import java.util.List;

/**
 * A request the API refuses, answered as RFC 7807 {@code application/problem+json}: an HTTP status, a machine code
 * ({@code NOT_FOUND}, {@code INVALID_INPUT}, ...), a short title and a sentence for a human, and, for invalid input,
 * every diagnostic found ({@code file:line:column: error: message}).
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final transient List<?> errors;

    public ApiProblem(int status, String code, String title, String detail, List<?> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "NOT_FOUND", "Not found", detail);
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(400, "INVALID_INPUT", "Invalid input", detail);
    }

    public static ApiProblem invalid(String detail, List<?> errors) {
        return new ApiProblem(400, "INVALID_INPUT", "Invalid input", detail, errors);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "CONFLICT", "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Details of each problem, e.g. one object per diagnostic. */
    public List<?> errors() {
        return errors;
    }

    /** The {@code type} URI of this problem: one per code. */
    public String type() {
        return "https://drover.io/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
