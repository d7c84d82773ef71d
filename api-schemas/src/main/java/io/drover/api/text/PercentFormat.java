package io.drover.api.text;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code %(name)s} formatting as Supervisor applies it to its configuration values: {@code %(name)s},
 * {@code %(process_num)02d}, {@code %%} for a percent sign. Any other use of {@code %} is an error, as in Supervisor.
 *
 * <p>Some names can only be expanded later (on the node that runs the process, or per process of a numprocs
 * family); {@code keepVerbatim} says which, and those placeholders are left in the text unchanged.
 */
public final class PercentFormat {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "%\\((?<name>[^)]*)\\)(?<flags>[#0\\- +]*)(?<width>\\d*)(?<precision>\\.\\d+)?(?<type>[diouxXeEfFgGcrsa])");

    private PercentFormat() {
    }

    /** Thrown when a value cannot be expanded; the message says which name or which character. */
    public static final class FormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    /**
     * Expands what can be expanded now and returns a template that is expanded again later: placeholders for which
     * {@code keepVerbatim} is true stay as written, and so does {@code %%}, so the second expansion sees the same
     * escapes as the first. {@code lookup} returns the value of a name (a String or a Number) or empty when unknown.
     */
    public static String expandPartially(String template, Function<String, Optional<Object>> lookup, Predicate<String> keepVerbatim) {
        return expand(template, lookup, keepVerbatim, true);
    }

    /** Expands every placeholder of {@code template}; an unknown name is an error. */
    public static String expand(String template, Function<String, Optional<Object>> lookup) {
        return expand(template, lookup, name -> false, false);
    }

    private static String expand(String template, Function<String, Optional<Object>> lookup, Predicate<String> keepVerbatim,
                                 boolean partial) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append(partial ? "%%" : "%");
                i += 2;
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(template);
            if (!m.find(i) || m.start() != i) {
                throw new FormatException("'%' at position " + (i + 1) + " is not followed by a '(name)s' placeholder;"
                        + " write '%%' for a literal percent sign");
            }
            String name = m.group("name");
            if (keepVerbatim.test(name)) {
                out.append(m.group());
            } else {
                Object value = lookup.apply(name).orElseThrow(() -> new FormatException(
                        "unknown name '%(" + name + ")' in '" + template + "'"));
                out.append(format(value, m, name));
            }
            i = m.end();
        }
        return out.toString();
    }

    /** Whether {@code template} uses the placeholder {@code name}. */
    public static boolean uses(String template, Predicate<String> name) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (name.test(m.group("name"))) {
                return true;
            }
        }
        return false;
    }

    private static String format(Object value, Matcher m, String name) {
        String flags = m.group("flags");
        String width = m.group("width");
        String precision = m.group("precision") == null ? "" : m.group("precision");
        char type = m.group("type").charAt(0);
        switch (type) {
            case 's', 'r', 'a' -> {
                String text = String.valueOf(value);
                if (!precision.isEmpty()) {
                    int max = Integer.parseInt(precision.substring(1));
                    text = text.length() > max ? text.substring(0, max) : text;
                }
                return pad(text, flags, width);
            }
            case 'd', 'i', 'u' -> {
                if (!(value instanceof Number number)) {
                    throw new FormatException("%(" + name + ")" + type + " needs a number, but '" + value + "' is text;"
                            + " use %(" + name + ")s");
                }
                String javaFlags = flags.replace("#", "");
                return String.format("%" + javaFlags + width + "d", number.longValue());
            }
            default -> {
                if (!(value instanceof Number number)) {
                    throw new FormatException("%(" + name + ")" + type + " needs a number, but '" + value + "' is text");
                }
                return String.format("%" + flags + width + precision + (type == 'u' ? 'd' : type),
                        "eEfFgG".indexOf(type) >= 0 ? number.doubleValue() : (Object) number.longValue());
            }
        }
    }

    private static String pad(String text, String flags, String width) {
        if (width.isEmpty()) {
            return text;
        }
        int w = Integer.parseInt(width);
        if (text.length() >= w) {
            return text;
        }
        String spaces = " ".repeat(w - text.length());
        return flags.contains("-") ? text + spaces : spaces + text;
    }
}
