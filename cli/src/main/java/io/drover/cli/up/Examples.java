package io.drover.cli.up;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Finds the example {@code drover up} runs: a folder holding a topology.yaml, or the name of one in deploy/examples. */
final class Examples {

    static final String DEFAULT = "scenario-2";
    static final String HOME_VARIABLE = "DROVER_HOME";
    private static final Path EXAMPLES = Path.of("deploy", "examples");

    private Examples() {
    }

    /** The example folder {@code given} names (absolute, normalised). */
    static Path resolve(String given) {
        Path path = Path.of(given);
        if (given.contains("/") || given.startsWith(".") || Files.isDirectory(path)) {
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("--example " + given + ": no such folder; give a folder holding a "
                        + Topology.FILE_NAME + " or the name of an example (" + String.join(", ", names()) + ")");
            }
            return path.toAbsolutePath().normalize();
        }
        for (Path examples : examplesFolders()) {
            Path candidate = examples.resolve(given);
            if (Files.isRegularFile(candidate.resolve(Topology.FILE_NAME))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        List<String> names = names();
        throw new IllegalArgumentException("--example " + given + ": no such example; name one of "
                + (names.isEmpty() ? "the folders of deploy/examples (run drover from the repository, or set "
                + HOME_VARIABLE + " to it)" : String.join(", ", names)) + ", or give a folder holding a "
                + Topology.FILE_NAME);
    }

    /** Names of the examples found. */
    static List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Path examples : examplesFolders()) {
            try (Stream<Path> children = Files.list(examples)) {
                children.filter(c -> Files.isRegularFile(c.resolve(Topology.FILE_NAME)))
                        .map(c -> c.getFileName().toString()).sorted().forEach(names::add);
            } catch (java.io.IOException e) {
                // unreadable: no examples there
            }
        }
        return List.copyOf(names);
    }

    /** deploy/examples of the repository: from DROVER_HOME, the current folder upwards, then drover's jar upwards. */
    private static List<Path> examplesFolders() {
        List<Path> starts = new ArrayList<>();
        Optional.ofNullable(System.getenv(HOME_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(starts::add);
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        Set<Path> found = new LinkedHashSet<>();
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(EXAMPLES);
                if (Files.isDirectory(candidate)) {
                    found.add(candidate);
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(Examples.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
