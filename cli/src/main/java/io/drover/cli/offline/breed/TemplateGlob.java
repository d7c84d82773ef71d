package io.drover.cli.offline.breed;

import io.drover.api.supervisor.config.Glob;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code --pattern} of breed, with the meaning Python's {@code pathlib.Path.glob} gives it in supvisors_breed: a
 * path relative to the template folder, where {@code **} as a whole segment is any number of folders (none
 * included, so {@code **}{@code /*.ini} also finds the files at the top), {@code *}, {@code ?} and {@code [...]}
 * stay within one segment, and names starting with a dot are not special. Java's own glob differs on the first
 * point and adds braces, hence this class.
 */
public final class TemplateGlob {

    private final String pattern;
    private final Pattern regex;

    private TemplateGlob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /** Compiles {@code pattern}; the exception message says why a pattern is refused. */
    public static TemplateGlob compile(String pattern) {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("the pattern is empty; the default is **/*.ini");
        }
        if (pattern.startsWith("/") || pattern.startsWith("\\") || pattern.matches("[A-Za-z]:.*")) {
            throw new IllegalArgumentException("the pattern '" + pattern + "' is absolute; give it relative to the"
                    + " --template folder, such as server/*.ini");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (segment.equals("..")) {
                // the files found are written at the same relative path under the destination: '..' would leave it
                throw new IllegalArgumentException("the pattern '" + pattern + "' goes up with '..'; choose a --template"
                        + " folder that holds every file to read");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the pattern '" + pattern + "' names no file; the default is **/*.ini");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals("**")) {
                // zero or more folders; as the last segment it matches folders only, so no file
                regex.append(last ? "(?!)" : "(?:[^/]+/)*");
            } else {
                regex.append(Glob.segmentRegex(segment)).append(last ? "" : "/");
            }
        }
        return new TemplateGlob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public String pattern() {
        return pattern;
    }

    /** Whether {@code relative} (segments separated by '/') is matched. */
    public boolean matches(String relative) {
        return regex.matcher(relative).matches();
    }

    /** The regular files under {@code root} that the pattern matches, relative to it, sorted by name. */
    public List<Path> find(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                Path relative = root.relativize(file);
                if (attributes.isRegularFile() && matches(slashed(relative))) {
                    found.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                // like Python's glob: a linked loop or a folder that cannot be listed holds nothing
                if (failure instanceof FileSystemLoopException || !file.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        found.sort((a, b) -> slashed(a).compareTo(slashed(b)));
        return found;
    }

    /** A relative path with '/' between its names, whatever the platform. */
    public static String slashed(Path relative) {
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}
