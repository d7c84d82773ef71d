package io.drover.api.rules.formula;

import io.drover.api.rules.formula.FormulaExpression.BoolOp;
import io.drover.api.rules.formula.FormulaExpression.Call;
import io.drover.api.rules.formula.FormulaExpression.Leaf;
import io.drover.api.rules.formula.FormulaExpression.Not;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application's {@code operational_status} formula (Supvisors {@code ApplicationRules.status_formula}), parsed once
 * and evaluated over the states of the application's processes each time one changes.
 *
 * <p>Syntax: the Python expression subset Supvisors evaluates: {@code and}, {@code or}, {@code not}, parentheses,
 * {@code any(x)} and {@code all(x)} with exactly one argument, and string literals (single, double or triple quotes,
 * optional {@code r}/{@code u} prefix, Python escapes; adjacent literals concatenate). Anything else is refused by
 * {@link #parse(String)} with the column and a hint.
 *
 * <p>Evaluation, as {@code ApplicationStatus.evaluate}:
 * <ul>
 *   <li>a leaf is the exact name of a process of the application, else a regular expression matched against the whole
 *       of each process name ({@code ^leaf$} with {@code re.match}); one match gives that process's status, several give
 *       a list, none is an error;</li>
 *   <li>a process is OK when its state is STARTING, RUNNING or BACKOFF, or EXITED with an expected exit code;</li>
 *   <li>{@code any}/{@code all} reduce a list; {@code and}/{@code or}/{@code not} on a list is an error, and so is a
 *       list as the final result. Every operand of {@code and}/{@code or} is evaluated (no short circuit), so an error
 *       anywhere in the formula is reported, as in Supvisors.</li>
 * </ul>
 * A leaf that matches exactly one process inside {@code any(...)}/{@code all(...)} counts as a one-element list. Older
 * Supvisors releases raise there ({@code bool} is not iterable), which turns a formula such as {@code all('db_.*')}
 * into a major failure as soon as only one process matches; the documented intent is "all processes matching", which
 * is what drover implements (and what current Supvisors code does).
 *
 * <p>Supvisors only detects at evaluation time what drover refuses at parse time: names, numbers, comparisons,
 * other functions, calls without exactly one argument.
 */
public final class StatusFormula {

    private final String text;
    private final FormulaExpression expression;

    private StatusFormula(String text, FormulaExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses {@code text}. Leading and trailing blanks are ignored (a rules file often wraps the value on its own
     * line); line breaks inside the expression are only accepted inside parentheses, as in Python.
     *
     * @throws FormulaSyntaxException with the 1-based column (in the text as given) and a hint
     */
    public static StatusFormula parse(String text) {
        Objects.requireNonNull(text, "text");
        int lead = 0;
        while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
            lead++;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new FormulaSyntaxException(1, "the status formula is empty", FormulaLexer.ACCEPTED);
        }
        try {
            return new StatusFormula(trimmed, FormulaParser.parse(trimmed));
        } catch (FormulaSyntaxException e) {
            if (lead == 0) {
                throw e;
            }
            throw new FormulaSyntaxException(e.column() + lead, e.reason(), e.hint());
        }
    }

    /** The formula as written (without surrounding blanks). */
    public String text() {
        return text;
    }

    public FormulaExpression expression() {
        return expression;
    }

    /** The quoted strings of the formula, in order: process names or regular expressions over process names. */
    public List<String> leaves() {
        List<String> leaves = new ArrayList<>();
        collectLeaves(expression, leaves);
        return leaves;
    }

    /**
     * Evaluates the formula over {@code processes}, keyed by process name (for example {@code prg_01}); iteration order
     * only decides the order in error messages.
     */
    public FormulaOutcome evaluate(Map<String, ProcessCondition> processes) {
        try {
            Verdict verdict = evaluate(expression, processes);
            if (verdict instanceof Verdict.Several several) {
                throw new EvaluationError("'" + several.leaf().text() + "' matches " + several.values().size()
                        + " processes; wrap it in any(...) or all(...)");
            }
            return FormulaOutcome.of(((Verdict.One) verdict).value());
        } catch (EvaluationError e) {
            return FormulaOutcome.failed(e.getMessage());
        }
    }

    /** Shortcut for a formula that must hold. */
    public boolean isOperational(Map<String, ProcessCondition> processes) {
        return !evaluate(processes).majorFailure();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusFormula that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** What a sub-expression evaluates to: one boolean, or one per process a leaf matched. */
    private sealed interface Verdict {
        record One(boolean value) implements Verdict {
        }

        record Several(Leaf leaf, List<Boolean> values) implements Verdict {
        }
    }

    private static final class EvaluationError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvaluationError(String message) {
            super(message, null, false, false);
        }
    }

    private static Verdict evaluate(FormulaExpression node, Map<String, ProcessCondition> processes) {
        if (node instanceof Leaf leaf) {
            return leaf(leaf, processes);
        }
        if (node instanceof Call call) {
            Verdict argument = evaluate(call.argument(), processes);
            List<Boolean> values = argument instanceof Verdict.Several several
                    ? several.values() : List.of(((Verdict.One) argument).value());
            boolean result = call.function() == FormulaExpression.Aggregate.ANY
                    ? values.contains(Boolean.TRUE) : !values.contains(Boolean.FALSE);
            return new Verdict.One(result);
        }
        if (node instanceof BoolOp op) {
            List<Boolean> values = new ArrayList<>();
            for (FormulaExpression operand : op.operands()) {
                values.add(single(evaluate(operand, processes), op.operator().keyword()));
            }
            boolean result = op.operator() == FormulaExpression.Operator.AND
                    ? !values.contains(Boolean.FALSE) : values.contains(Boolean.TRUE);
            return new Verdict.One(result);
        }
        Not not = (Not) node;
        return new Verdict.One(!single(evaluate(not.operand(), processes), "not"));
    }

    private static boolean single(Verdict verdict, String operator) {
        if (verdict instanceof Verdict.Several several) {
            throw new EvaluationError("cannot apply '" + operator + "' to '" + several.leaf().text() + "', which matches "
                    + several.values().size() + " processes; wrap it in any(...) or all(...)");
        }
        return ((Verdict.One) verdict).value();
    }

    private static Verdict leaf(Leaf leaf, Map<String, ProcessCondition> processes) {
        ProcessCondition exact = processes.get(leaf.text());
        if (exact != null) {
            return new Verdict.One(exact.isOk());
        }
        List<Boolean> matches = new ArrayList<>();
        for (Map.Entry<String, ProcessCondition> process : processes.entrySet()) {
            if (leaf.fullMatch().matcher(process.getKey()).lookingAt()) {
                matches.add(process.getValue().isOk());
            }
        }
        if (matches.isEmpty()) {
            throw new EvaluationError("no process of the application matches '" + leaf.text() + "'");
        }
        return matches.size() == 1 ? new Verdict.One(matches.get(0)) : new Verdict.Several(leaf, matches);
    }

    private static void collectLeaves(FormulaExpression node, List<String> leaves) {
        if (node instanceof Leaf leaf) {
            leaves.add(leaf.text());
        } else if (node instanceof Call call) {
            collectLeaves(call.argument(), leaves);
        } else if (node instanceof BoolOp op) {
            op.operands().forEach(o -> collectLeaves(o, leaves));
        } else if (node instanceof Not not) {
            collectLeaves(not.operand(), leaves);
        }
    }
}
