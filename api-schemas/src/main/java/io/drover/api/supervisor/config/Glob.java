package io.drover.api.supervisor.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python's {@code glob.glob} as Supervisor calls it for {@code [include] files}: {@code *}, {@code ?} and
 * {@code [...]} in any path segment, no recursion ({@code **} is {@code *}), no braces, and names starting with a dot
 * matched only by a pattern segment starting with a dot. Unlike Java's glob syntax, a pattern that works for
 * supervisord selects the same files here.
 */
public final class Glob {

    private Glob() {
    }

    /** The paths matching {@code pattern} (absolute), sorted as Python sorts their text. */
    public static List<Path> match(Path pattern) {
        List<String> found = new ArrayList<>();
        for (Path path : glob(pattern)) {
            found.add(path.toString());
        }
        found.sort(null);
        return found.stream().map(Path::of).toList();
    }

    static boolean hasMagic(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    private static List<Path> glob(Path pattern) {
        if (!hasMagic(pattern.toString())) {
            return Files.exists(pattern, LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
        }
        Path parent = pattern.getParent();
        Path last = pattern.getFileName();
        if (last == null) {
            return List.of();
        }
        List<Path> directories = parent == null ? List.of() : hasMagic(parent.toString()) ? glob(parent) : List.of(parent);
        String segment = last.toString();
        List<Path> matches = new ArrayList<>();
        for (Path directory : directories) {
            if (!hasMagic(segment)) {
                Path candidate = directory.resolve(segment);
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    matches.add(candidate);
                }
                continue;
            }
            Pattern regex = translate(segment);
            boolean hiddenAllowed = segment.startsWith(".");
            try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
                for (Path entry : names) {
                    String name = entry.getFileName().toString();
                    if ((hiddenAllowed || !name.startsWith(".")) && regex.matcher(name).matches()) {
                        matches.add(directory.resolve(name));
                    }
                }
            } catch (IOException | SecurityException e) {
                // Python's glob treats a directory it cannot list as empty
            }
        }
        return matches;
    }

    /** {@code fnmatch.translate} for one path segment: a regular expression for the whole name. */
    static Pattern translate(String segment) {
        return Pattern.compile(segmentRegex(segment), Pattern.DOTALL);
    }

    /**
     * {@code fnmatch.translate} of one path segment, as regular expression text in which {@code *}, {@code ?} and
     * {@code [...]} never match a '/': usable alone for a name, or joined with '/' for a relative path.
     */
    public static String segmentRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = segment.length();
        while (i < n) {
            char c = segment.charAt(i++);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int j = i;
                if (j < n && segment.charAt(j) == '!') {
                    j++;
                }
                if (j < n && segment.charAt(j) == ']') {
                    j++;
                }
                while (j < n && segment.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    regex.append("\\[");
                } else {
                    regex.append(characterClass(segment.substring(i, j)));
                    i = j + 1;
                }
            } else {
                regex.append(literal(c));
            }
        }
        return regex.toString();
    }

    private static String characterClass(String body) {
        boolean negated = body.startsWith("!");
        String items = negated ? body.substring(1) : body;
        StringBuilder out = new StringBuilder(negated ? "[^/" : "[");
        int k = 0;
        while (k < items.length()) {
            char from = items.charAt(k);
            if (k + 2 < items.length() && items.charAt(k + 1) == '-') {
                char to = items.charAt(k + 2);
                if (from <= to) {
                    out.append(literal(from)).append('-').append(literal(to));
                }
                k += 3;
            } else {
                out.append(literal(from));
                k++;
            }
        }
        if (out.length() == (negated ? 3 : 1)) {
            // Python builds a class that matches nothing (or any character when negated) for an empty set
            return negated ? "[^/]" : "(?!)";
        }
        return out.append(']').toString();
    }

    private static String literal(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
