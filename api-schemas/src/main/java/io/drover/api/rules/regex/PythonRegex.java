package io.drover.api.rules.regex;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions written for Python's {@code re} module (as in Supvisors rules files), compiled for Java.
 *
 * <p>Both engines are backtracking engines with the same leftmost-first semantics, so a pattern that means the same
 * thing matches the same text. The differences that matter in practice are translated:
 * <ul>
 *   <li>{@code (?P<name>...)} and {@code (?P=name)}: Python's named groups, which Java spells differently and whose
 *       names Java restricts to letters and digits;</li>
 *   <li>{@code \Z}: end of text in Python, which is Java's {@code \z};</li>
 *   <li>braces: Python reads a brace that does not form a repetition as a literal, and <code>&#123;,n&#125;</code> as
 *       <code>&#123;0,n&#125;</code>; Java refuses both;</li>
 *   <li>inside a character class, {@code [} and {@code &&} are literals in Python but operators in Java;</li>
 *   <li>{@code \v} and a class's {@code \b} are single characters in Python;</li>
 *   <li>{@code (?#...)} comments.</li>
 * </ul>
 * Escapes that only Java knows ({@code \p{..}}, {@code \h}, {@code \R}...) are refused, because Supvisors, reading the
 * same rules, would fail on them. Patterns are compiled with {@link Pattern#UNICODE_CHARACTER_CLASS} (Python 3
 * {@code \w}, {@code \d} and {@code \s} are Unicode-aware) and {@link Pattern#UNIX_LINES} (only {@code \n} ends a line
 * for {@code .} and {@code $}, as in Python).
 */
public final class PythonRegex {

    /** Flags that make Java's reading of a pattern closest to Python's. */
    public static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

    /** Escape letters Python's {@code re} accepts; any other escaped letter is an error in Python. */
    private static final String PYTHON_ESCAPE_LETTERS = "abBdDfnrsStvwWZAxuUN";
    private static final Pattern PYTHON_REPEAT = Pattern.compile("\\{(\\d*)(,(\\d*))?}");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PythonRegex() {
    }

    /** Thrown when a pattern is not valid; the message says what is wrong in the terms of the pattern as written. */
    public static final class InvalidPatternException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidPatternException(String message) {
            super(message);
        }
    }

    /**
     * Compiles {@code pattern} for {@code re.search} as Supvisors calls it: wrapped in a group, {@code '(' + p + ')'},
     * which shifts numbered back-references by one exactly as in Supvisors. Use {@link Matcher#find()}.
     */
    public static Pattern compileForSearch(String pattern) {
        return compile("(" + pattern + ")", pattern);
    }

    /**
     * Compiles {@code pattern} for a full-name match as Supvisors' status formula does it, {@code '^' + p + '$'} used
     * with {@code re.match}. Use {@link Matcher#lookingAt()}: an alternation at the top level binds looser than the
     * anchors, exactly as in Supvisors ({@code 'a|b'} becomes {@code ^a|b$}).
     */
    public static Pattern compileForFullMatch(String pattern) {
        return compile("^" + pattern + "$", pattern);
    }

    /** Compiles {@code pattern} as written. */
    public static Pattern compile(String pattern) {
        return compile(pattern, pattern);
    }

    private static Pattern compile(String full, String asWritten) {
        String java = translate(full, asWritten);
        try {
            return Pattern.compile(java, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new InvalidPatternException("'" + asWritten + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    /** The Java spelling of a Python pattern; throws {@link InvalidPatternException} for Python-only errors. */
    public static String translate(String python) {
        return translate(python, python);
    }

    private static String translate(String python, String asWritten) {
        StringBuilder out = new StringBuilder(python.length() + 8);
        Map<String, String> groupNames = new HashMap<>();
        boolean inClass = false;
        int classStart = -1;
        int i = 0;
        while (i < python.length()) {
            char c = python.charAt(i);
            if (c == '\\') {
                if (i + 1 >= python.length()) {
                    throw invalid(asWritten, "it ends with a lone backslash");
                }
                char next = python.charAt(i + 1);
                out.append(translateEscape(next, inClass, asWritten));
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < python.length() && python.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i += 2;
                    continue;
                } else if (c == ']') {
                    // a ']' right after '[' or '[^' is a literal in Python
                    out.append("\\]");
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    i++;
                    if (i < python.length() && python.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    classStart = i;
                }
                case '{' -> {
                    Matcher repeat = PYTHON_REPEAT.matcher(python).region(i, python.length());
                    if (repeat.lookingAt() && !repeat.group().equals("{}")) {
                        String lo = repeat.group(1);
                        String hi = repeat.group(3);
                        if (repeat.group(2) == null) {
                            out.append('{').append(lo).append('}');
                        } else {
                            out.append('{').append(lo.isEmpty() ? "0" : lo).append(',').append(hi == null ? "" : hi).append('}');
                        }
                        i = repeat.end();
                    } else {
                        out.append("\\{");
                        i++;
                    }
                }
                case '(' -> i = translateGroupOpening(python, i, out, groupNames, asWritten);
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        if (inClass) {
            throw invalid(asWritten, "a character class '[' is not closed");
        }
        return out.toString();
    }

    private static String translateEscape(char next, boolean inClass, String asWritten) {
        if (Character.isLetter(next) && next < 128 && PYTHON_ESCAPE_LETTERS.indexOf(next) < 0) {
            throw invalid(asWritten, "'\\" + next + "' is not an escape Python's re accepts");
        }
        return switch (next) {
            case 'Z' -> inClass ? "Z" : "\\z";
            case 'v' -> "\\x0B";
            case 'b' -> inClass ? "\\x08" : "\\b";
            default -> "\\" + next;
        };
    }

    /** Translates what starts at the '(' at {@code i} and returns the index after what was consumed. */
    private static int translateGroupOpening(String python, int i, StringBuilder out, Map<String, String> groupNames,
                                             String asWritten) {
        if (python.startsWith("(?P<", i)) {
            int close = python.indexOf('>', i + 4);
            if (close < 0) {
                throw invalid(asWritten, "a group name '(?P<' is not closed by '>'");
            }
            String name = python.substring(i + 4, close);
            if (!GROUP_NAME.matcher(name).matches()) {
                throw invalid(asWritten, "'" + name + "' is not a valid group name");
            }
            if (groupNames.containsKey(name)) {
                throw invalid(asWritten, "the group name '" + name + "' is used twice");
            }
            String javaName = "pyGroup" + (groupNames.size() + 1);
            groupNames.put(name, javaName);
            out.append("(?<").append(javaName).append('>');
            return close + 1;
        }
        if (python.startsWith("(?P=", i)) {
            int close = python.indexOf(')', i + 4);
            if (close < 0) {
                throw invalid(asWritten, "a group reference '(?P=' is not closed by ')'");
            }
            String name = python.substring(i + 4, close);
            String javaName = groupNames.get(name);
            if (javaName == null) {
                throw invalid(asWritten, "the group '" + name + "' is referenced before it is defined");
            }
            out.append("(?:\\k<").append(javaName).append(">)");
            return close + 1;
        }
        if (python.startsWith("(?#", i)) {
            int close = python.indexOf(')', i + 3);
            if (close < 0) {
                throw invalid(asWritten, "a comment '(?#' is not closed by ')'");
            }
            return close + 1;
        }
        if (python.startsWith("(?<", i) && !python.startsWith("(?<=", i) && !python.startsWith("(?<!", i)) {
            throw invalid(asWritten, "Python's re names groups with '(?P<name>...)', not '(?<name>...)'");
        }
        out.append('(');
        return i + 1;
    }

    private static InvalidPatternException invalid(String pattern, String reason) {
        return new InvalidPatternException("'" + pattern + "' is not a valid regular expression: " + reason);
    }
}
