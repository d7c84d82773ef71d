package io.drover.api.supvisors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The rules files of the test resources (under {@code supvisors/}), read from the class path. */
final class RulesResources {

    static final String CASES = "supvisors/cases";
    static final String BAD = "supvisors/bad";
    static final String GOOD = "supvisors/good";

    private RulesResources() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = RulesResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The 1-based line of the {@code occurrence}-th line (1-based) containing {@code fragment} after the first line
     * containing {@code after}: a way to name a line of a fixture without counting by hand.
     */
    static int lineOf(String resource, String after, String fragment, int occurrence) {
        List<String> lines = lines(resource);
        int start = 0;
        while (!lines.get(start).contains(after)) {
            start++;
        }
        int seen = 0;
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no " + fragment + " after " + after + " in " + resource);
    }

    static int lineOf(String resource, String fragment) {
        return lineOf(resource, fragment, fragment, 1);
    }

    /** The files under a resource directory, as paths relative to it, sorted. */
    static List<String> filesUnder(String directory) {
        URL url = RulesResources.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalArgumentException("no test resource directory " + directory);
        }
        try {
            Path root = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile)
                        .map(file -> root.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
