package io.drover.api.supervisor.ini;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python string operations Supervisor's configuration parsing relies on ({@code str.isspace},
 * {@code strip}, {@code split()}, {@code lower}), so that Java reads a file exactly where Python would cut it.
 */
public final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one character: ASCII blanks, separators and a few control characters. */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    public static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Python's {@code str.split()} without arguments: words separated by runs of blanks, no empty words. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    /** ConfigParser's {@code optionxform}: option names are compared in lower case. */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Index of the first character that is not a blank, or 0 for a blank line (Python's {@code \S} search). */
    public static int indentation(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) {
                return i;
            }
        }
        return 0;
    }
}
