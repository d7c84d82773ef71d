package io.drover.api.rules.formula;

import java.util.Objects;

/**
 * The result of evaluating a status formula: operational or not, or an error (a leaf that matches no process, a list
 * of processes combined with and/or/not...). Supvisors reports an evaluation error as a major failure.
 */
public record FormulaOutcome(boolean operational, String error) {

    public static FormulaOutcome of(boolean operational) {
        return new FormulaOutcome(operational, null);
    }

    public static FormulaOutcome failed(String error) {
        return new FormulaOutcome(false, Objects.requireNonNull(error, "error"));
    }

    public boolean isError() {
        return error != null;
    }

    /** What the application status shows: an error or a false formula is a major failure. */
    public boolean majorFailure() {
        return isError() || !operational;
    }
}
