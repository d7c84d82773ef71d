package io.drover.api.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a name of an application, program, node, rule set or alias may be. Names become etcd key segments and URL
 * path segments, so they must not contain '/', ':' or spaces (Supervisor refuses ' ', ':' and '/' in process and
 * group names for the same reasons).
 */
public final class Names {

    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]*");

    private Names() {
    }

    /** Why {@code name} is not a valid name for {@code what}, or empty when it is valid. */
    public static Optional<String> problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(what + " name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(what + " name '" + abbreviate(name) + "' is " + name.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        if (!VALID.matcher(name).matches()) {
            return Optional.of(what + " name '" + abbreviate(name) + "' may only contain letters, digits and '_', '.', '-', '@', '+',"
                    + " and must not start with '.', '-', '@' or '+'");
        }
        return Optional.empty();
    }

    public static boolean isValid(String name) {
        return problem("", name).isEmpty();
    }

    /** Returns {@code name} or throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static String require(String what, String name) {
        problem(what, name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return name;
    }

    private static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 37) + "...";
    }
}
