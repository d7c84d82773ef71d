package io.drover.api.rules.formula;

/**
 * An {@code operational_status} formula that drover cannot parse. {@link #column()} is 1-based in the formula text;
 * the message names it and the hint says what is accepted.
 */
public final class FormulaSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final int column;
    private final String reason;
    private final String hint;

    public FormulaSyntaxException(int column, String reason, String hint) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
        this.hint = hint;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the column. */
    public String reason() {
        return reason;
    }

    public String hint() {
        return hint;
    }
}
