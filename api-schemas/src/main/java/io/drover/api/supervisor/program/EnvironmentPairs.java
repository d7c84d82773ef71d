package io.drover.api.supervisor.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supervisor's {@code dict_of_key_value_pairs()}: {@code KEY="val",KEY2=val2} split by Python's non-POSIX
 * {@code shlex} with {@code /.+-():} added to the word characters, then read as {@code key = value} triples each
 * followed by one separator token. Unquoted values may only hold word characters; quotes are stripped from both
 * ends of a value.
 *
 * <p>The text is read after import-time expansion, so the placeholders kept for the node agent are still in it;
 * each counts as word characters, the stand-in for the value the agent will put there.
 */
public final class EnvironmentPairs {

    private static final String WORD_CHARS = "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" + "/.+-():";
    private static final String QUOTES = "'\"";
    private static final String BLANKS = " \t\r\n";
    /** What to tell a user whose environment option cannot be read. */
    public static final String HINT = "write KEY=\"value\",KEY2=\"value2\"; quote every value holding characters other than"
            + " letters, digits and _ / . + - ( ) :";

    private static final Pattern KEPT = Pattern.compile("%%|%\\([^)]*\\)[#0\\- +]*\\d*(?:\\.\\d+)?[diouxXeEfFgGcrsa]");

    /** Why a text is not a list of pairs. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private EnvironmentPairs() {
    }

    /**
     * The variables, and the tokens supervisord silently takes as separators although they are not commas (the
     * {@code world} of {@code GREETING=hello world}): worth a warning, since the user surely meant something else.
     */
    public record Pairs(Map<String, String> variables, List<String> ignored) {
    }

    public static Pairs parse(String text) throws Malformed {
        List<String> tokens = tokens(text);
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i += 4) {
            if (i + 2 >= tokens.size() || !"=".equals(tokens.get(i + 1))) {
                throw new Malformed("'" + String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + 3)))
                        + "' is not a KEY=value pair");
            }
            pairs.put(tokens.get(i), stripQuotes(tokens.get(i + 2)));
            if (i + 3 < tokens.size() && !",".equals(tokens.get(i + 3))) {
                ignored.add(tokens.get(i + 3));
            }
        }
        return new Pairs(pairs, ignored);
    }

    static List<String> tokens(String text) throws Malformed {
        List<String> tokens = new ArrayList<>();
        Matcher kept = KEPT.matcher(text);
        kept.useTransparentBounds(true);
        StringBuilder token = new StringBuilder();
        char state = ' ';
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int keptLength = state == ' ' || state == 'a' ? keptAt(kept, i) : 0;
            boolean percent = keptLength == 2 && text.startsWith("%%", i);
            if (state == ' ') {
                if (keptLength > 0 && !percent) {
                    token.append(text, i, i + keptLength);
                    state = 'a';
                    i += keptLength;
                } else if (percent) {
                    // supervisord sees a single '%' here, which is a token of its own
                    tokens.add("%%");
                    i += 2;
                } else if (BLANKS.indexOf(c) >= 0) {
                    i++;
                } else if (c == '#') {
                    i = endOfLine(text, i);
                } else if (WORD_CHARS.indexOf(c) >= 0) {
                    token.append(c);
                    state = 'a';
                    i++;
                } else if (QUOTES.indexOf(c) >= 0) {
                    token.append(c);
                    state = c;
                    i++;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            } else if (state == 'a') {
                if (keptLength > 0 && !percent) {
                    token.append(text, i, i + keptLength);
                    i += keptLength;
                } else if (percent || (BLANKS.indexOf(c) < 0 && c != '#' && WORD_CHARS.indexOf(c) < 0 && QUOTES.indexOf(c) < 0)) {
                    // punctuation ends the word and is read again as a token of its own
                    tokens.add(token.toString());
                    token.setLength(0);
                    state = ' ';
                } else if (BLANKS.indexOf(c) >= 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    state = ' ';
                    i++;
                } else if (c == '#') {
                    // non-POSIX shlex skips the comment and goes on with the same word
                    i = endOfLine(text, i);
                } else {
                    token.append(c);
                    i++;
                }
            } else {
                token.append(c);
                i++;
                if (c == state) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    state = ' ';
                }
            }
        }
        if (QUOTES.indexOf(state) >= 0) {
            throw new Malformed("a quote (" + state + ") is not closed");
        }
        if (state == 'a') {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static int keptAt(Matcher kept, int index) {
        kept.region(index, kept.regionEnd());
        return kept.lookingAt() ? kept.end() - index : 0;
    }

    private static int endOfLine(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static String stripQuotes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && QUOTES.indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && QUOTES.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(start, end);
    }
}
