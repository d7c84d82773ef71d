package io.drover.api.rules.formula;

import io.drover.api.rules.formula.FormulaExpression.Aggregate;
import io.drover.api.rules.formula.FormulaExpression.BoolOp;
import io.drover.api.rules.formula.FormulaExpression.Call;
import io.drover.api.rules.formula.FormulaExpression.Leaf;
import io.drover.api.rules.formula.FormulaExpression.Not;
import io.drover.api.rules.formula.FormulaExpression.Operator;
import io.drover.api.rules.formula.FormulaLexer.Kind;
import io.drover.api.rules.formula.FormulaLexer.Token;
import io.drover.api.rules.regex.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over Python's precedence for the accepted subset: {@code or} below {@code and} below {@code not},
 * then strings, parenthesised expressions and {@code any(...)}/{@code all(...)} calls.
 *
 * <p>Supvisors accepts any Python expression at parse time and fails later, at every evaluation, on what it cannot
 * evaluate (a name, a number, a comparison...). drover refuses those when the formula is read, since they could never
 * evaluate.
 */
final class FormulaParser {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not");

    private final List<Token> tokens;
    private int index;

    private FormulaParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static FormulaExpression parse(String text) {
        FormulaParser parser = new FormulaParser(FormulaLexer.tokens(text));
        FormulaExpression expression = parser.or();
        Token next = parser.peek();
        if (next.kind() != Kind.END) {
            throw parser.unexpected(next, "expected 'and', 'or' or the end of the formula");
        }
        return expression;
    }

    private FormulaExpression or() {
        return chain(Operator.OR, this::and);
    }

    private FormulaExpression and() {
        return chain(Operator.AND, this::not);
    }

    private FormulaExpression chain(Operator operator, java.util.function.Supplier<FormulaExpression> operand) {
        FormulaExpression first = operand.get();
        if (!peek().isName(operator.keyword())) {
            return first;
        }
        List<FormulaExpression> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isName(operator.keyword())) {
            index++;
            operands.add(operand.get());
        }
        return new BoolOp(operator, operands, first.column());
    }

    private FormulaExpression not() {
        Token token = peek();
        if (token.isName("not")) {
            index++;
            return new Not(not(), token.column());
        }
        return primary();
    }

    private FormulaExpression primary() {
        Token token = next();
        return switch (token.kind()) {
            case STRING -> leaf(token);
            case LPAREN -> parenthesised();
            case NAME -> name(token);
            case END -> throw new FormulaSyntaxException(token.column(), "expected an expression, found the end of the formula",
                    FormulaLexer.ACCEPTED);
            default -> throw unexpected(token, "expected an expression");
        };
    }

    private FormulaExpression leaf(Token first) {
        // adjacent literals are one string in Python: 'prg_' '\d+' is 'prg_\d+'
        StringBuilder text = new StringBuilder(first.text());
        while (peek().kind() == Kind.STRING) {
            text.append(next().text());
        }
        String value = text.toString();
        try {
            return new Leaf(value, PythonRegex.compileForFullMatch(value), first.column());
        } catch (PythonRegex.InvalidPatternException e) {
            throw new FormulaSyntaxException(first.column(), e.getMessage(),
                    "a leaf that is not an exact process name is read as a regular expression matching whole process names;"
                            + " escape special characters with a backslash");
        }
    }

    private FormulaExpression parenthesised() {
        FormulaExpression inner = or();
        Token close = next();
        if (close.kind() == Kind.COMMA) {
            throw new FormulaSyntaxException(close.column(), "tuples are not supported",
                    "combine expressions with 'and' or 'or'");
        }
        if (close.kind() != Kind.RPAREN) {
            throw unexpected(close, "expected ')'");
        }
        return inner;
    }

    private FormulaExpression name(Token token) {
        String word = token.text();
        boolean called = peek().kind() == Kind.LPAREN;
        if (called && (word.equals("any") || word.equals("all"))) {
            return call(token, word.equals("any") ? Aggregate.ANY : Aggregate.ALL);
        }
        if (called) {
            throw new FormulaSyntaxException(token.column(), "unsupported function '" + word + "'",
                    "only any(...) and all(...) can be called");
        }
        if (KEYWORDS.contains(word)) {
            throw new FormulaSyntaxException(token.column(), "expected an expression before '" + word + "'",
                    FormulaLexer.ACCEPTED);
        }
        if (word.equals("True") || word.equals("False") || word.equals("None")) {
            throw new FormulaSyntaxException(token.column(), "the constant " + word + " is not supported",
                    FormulaLexer.ACCEPTED);
        }
        throw new FormulaSyntaxException(token.column(), "bare name '" + word + "'",
                "process names and regular expressions must be quoted: '" + word + "'");
    }

    private FormulaExpression call(Token function, Aggregate aggregate) {
        index++; // '('
        if (peek().kind() == Kind.RPAREN) {
            throw new FormulaSyntaxException(peek().column(), function.text() + "() needs exactly one argument",
                    "for example " + function.text() + "('prg_.*')");
        }
        FormulaExpression argument = or();
        Token after = next();
        if (after.kind() == Kind.COMMA && peek().kind() == Kind.RPAREN) {
            // Python accepts a trailing comma after the only argument
            after = next();
        } else if (after.kind() == Kind.COMMA) {
            throw new FormulaSyntaxException(after.column(), function.text() + "() takes exactly one argument",
                    "use one regular expression ('a|b') or combine calls: " + function.text() + "('a') and "
                            + function.text() + "('b')");
        }
        if (after.kind() != Kind.RPAREN) {
            throw unexpected(after, "expected ')' to close " + function.text() + "(");
        }
        return new Call(aggregate, argument, function.column());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private FormulaSyntaxException unexpected(Token token, String expected) {
        String found = switch (token.kind()) {
            case END -> "the end of the formula";
            case STRING -> "a string";
            default -> "'" + token.text() + "'";
        };
        return new FormulaSyntaxException(token.column(), expected + ", found " + found, FormulaLexer.ACCEPTED);
    }
}
