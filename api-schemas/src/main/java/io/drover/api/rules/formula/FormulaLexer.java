package io.drover.api.rules.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a formula into the few Python tokens it may hold: string literals (with Python's prefixes and escapes), names,
 * parentheses and commas. Whitespace, comments and line breaks inside parentheses are skipped as Python does.
 */
final class FormulaLexer {

    enum Kind { STRING, NAME, LPAREN, RPAREN, COMMA, END }

    record Token(Kind kind, String text, int column) {
        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }
    }

    static final String ACCEPTED = "a formula is made of quoted process names or regular expressions, and, or, not,"
            + " parentheses, any(...) and all(...); for example: all('register.*') and any('movie.*')";

    private final String text;
    private int pos;
    private int depth;

    private FormulaLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new FormulaLexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", pos + 1));
                return tokens;
            }
            char c = text.charAt(pos);
            int column = pos + 1;
            if (c == '(') {
                depth++;
                pos++;
                tokens.add(new Token(Kind.LPAREN, "(", column));
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                pos++;
                tokens.add(new Token(Kind.RPAREN, ")", column));
            } else if (c == ',') {
                pos++;
                tokens.add(new Token(Kind.COMMA, ",", column));
            } else if (c == '\'' || c == '"') {
                tokens.add(string("", column));
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                String word = text.substring(start, pos);
                if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"') && isStringPrefix(word)) {
                    tokens.add(string(word, column));
                } else {
                    tokens.add(new Token(Kind.NAME, word, column));
                }
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                throw new FormulaSyntaxException(column, "numbers are not supported in a status formula", ACCEPTED);
            } else {
                throw new FormulaSyntaxException(column, "unexpected '" + c + "'", hintFor(c));
            }
        }
    }

    /** Skips spaces, comments and the line breaks Python would ignore; refuses a second statement. */
    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && lineBreakLength(pos + 1) > 0) {
                pos += 1 + lineBreakLength(pos + 1);
            } else if (c == '\n' || c == '\r') {
                int breakAt = pos;
                pos += Math.max(1, lineBreakLength(pos));
                if (depth == 0 && !onlyBlanksFrom(pos)) {
                    throw new FormulaSyntaxException(breakAt + 1, "a status formula is a single expression",
                            "line breaks are only allowed inside parentheses; join the lines or wrap the expression in ( )");
                }
            } else {
                return;
            }
        }
    }

    private boolean onlyBlanksFrom(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    private int lineBreakLength(int at) {
        if (at < text.length() && text.charAt(at) == '\r') {
            return at + 1 < text.length() && text.charAt(at + 1) == '\n' ? 2 : 1;
        }
        return at < text.length() && text.charAt(at) == '\n' ? 1 : 0;
    }

    private static boolean isStringPrefix(String word) {
        String p = word.toLowerCase(Locale.ROOT);
        return p.length() <= 2 && p.matches("r|u|b|f|rb|br|fr|rf");
    }

    private Token string(String prefix, int column) {
        String p = prefix.toLowerCase(Locale.ROOT);
        if (p.contains("b")) {
            throw new FormulaSyntaxException(column, "bytes literals are not supported", "write a text string: 'name'");
        }
        if (p.contains("f")) {
            throw new FormulaSyntaxException(column, "f-strings are not supported", "write a plain string: 'name'");
        }
        boolean raw = p.contains("r");
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new FormulaSyntaxException(column, "the string is not closed", "add the closing " + quote);
            }
            char c = text.charAt(pos);
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return new Token(Kind.STRING, value.toString(), column);
            }
            if ((c == '\n' || c == '\r') && !triple) {
                throw new FormulaSyntaxException(column, "the string is not closed at the end of the line",
                        "add the closing " + quote);
            }
            if (c == '\\') {
                if (pos + 1 >= text.length()) {
                    throw new FormulaSyntaxException(column, "the string is not closed", "add the closing " + quote);
                }
                if (raw) {
                    // a raw string keeps the backslash, which still protects the next character from ending it
                    value.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                } else {
                    escape(value, column);
                }
                continue;
            }
            value.append(c);
            pos++;
        }
    }

    /** Applies the Python escape at {@code pos} (a backslash); unknown escapes keep the backslash, as in Python. */
    private void escape(StringBuilder value, int column) {
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\n' -> { }
            case '\r' -> {
                if (pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
            }
            case '\\', '\'', '"' -> value.append(e);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000B');
            case 'x' -> value.appendCodePoint(hex(2, column, "\\x"));
            case 'u' -> value.appendCodePoint(hex(4, column, "\\u"));
            case 'U' -> value.appendCodePoint(hex(8, column, "\\U"));
            case 'N' -> value.appendCodePoint(namedCharacter(column));
            default -> {
                if (e >= '0' && e <= '7') {
                    int code = e - '0';
                    for (int n = 0; n < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; n++) {
                        code = code * 8 + (text.charAt(pos++) - '0');
                    }
                    value.appendCodePoint(code);
                } else {
                    // Python keeps unknown escapes such as \d as written, which is what a regular expression wants
                    value.append('\\').append(e);
                }
            }
        }
    }

    private int hex(int digits, int column, String escape) {
        if (pos + digits > text.length() || !text.substring(pos, pos + digits).matches("[0-9A-Fa-f]+")) {
            throw new FormulaSyntaxException(column, "truncated " + escape + " escape in a string",
                    escape + " needs " + digits + " hexadecimal digits; or write the string as r'...' to keep backslashes");
        }
        int code = Integer.parseInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        if (!Character.isValidCodePoint(code)) {
            throw new FormulaSyntaxException(column, "invalid character code in a string", null);
        }
        return code;
    }

    private int namedCharacter(int column) {
        int close = text.indexOf('}', pos);
        if (pos >= text.length() || text.charAt(pos) != '{' || close < 0) {
            throw new FormulaSyntaxException(column, "malformed \\N character escape in a string",
                    "write \\N{NAME} or use a raw string r'...'");
        }
        String name = text.substring(pos + 1, close);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw new FormulaSyntaxException(column, "unknown Unicode character name '" + name + "'", null);
        }
    }

    private static String hintFor(char c) {
        return switch (c) {
            case '&' -> "write 'and' instead of '&'";
            case '|' -> "write 'or' instead of '|', or put the alternation inside one quoted regular expression";
            case '!', '~' -> "write 'not' instead of '" + c + "'";
            case '=', '<', '>' -> "comparisons are not supported; " + ACCEPTED;
            default -> ACCEPTED;
        };
    }
}
