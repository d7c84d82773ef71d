package io.drover.api.rules.formula;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed form of a status formula: the subset of Python expressions Supvisors evaluates. Columns are 1-based
 * positions in the formula text, kept to explain evaluation errors.
 */
public sealed interface FormulaExpression {

    int column();

    /**
     * A quoted string: the exact name of a process of the application, else a regular expression that must match a
     * whole process name ({@code fullMatch}, compiled once at parse time).
     */
    record Leaf(String text, Pattern fullMatch, int column) implements FormulaExpression {
    }

    /** {@code not operand}. */
    record Not(FormulaExpression operand, int column) implements FormulaExpression {
    }

    /** {@code a and b and ...} or {@code a or b or ...}: Python groups a chain of the same operator into one node. */
    record BoolOp(Operator operator, List<FormulaExpression> operands, int column) implements FormulaExpression {
        public BoolOp {
            operands = List.copyOf(operands);
        }
    }

    /** {@code any(argument)} or {@code all(argument)}. */
    record Call(Aggregate function, FormulaExpression argument, int column) implements FormulaExpression {
    }

    enum Operator {
        AND, OR;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum Aggregate {
        ANY, ALL;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
