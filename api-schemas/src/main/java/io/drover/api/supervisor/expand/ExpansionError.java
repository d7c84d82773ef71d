package io.drover.api.supervisor.expand;

/** A value whose {@code %(name)s} placeholders cannot be expanded: what is wrong and what to do about it. */
public final class ExpansionError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String hint;

    public ExpansionError(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
