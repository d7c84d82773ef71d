package io.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.agent.command.ProcessEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment files (service units, their environment files, the container files) and the operations guide
 * name only the DROVER_* variables drover really reads, and each environment file documents every variable of its
 * command: they cannot drift from the options silently.
 */
class DeployFilesTest {

    private static final Pattern NAME = Pattern.compile("\\bDROVER_[A-Z0-9_]+\\b");
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(DROVER_[A-Z0-9_]+)");
    /** Read by the command line itself rather than by an option: logging and failure reports. */
    private static final Set<String> LOGGING = Set.of("DROVER_LOG_LEVEL", "DROVER_DEBUG");
    /** Set by the agent in every program's environment, besides DROVER_NODE_ID. */
    private static final Set<String> FOR_PROGRAMS = Set.of(ProcessEnvironment.DROVER_APPLICATION);

    /** The variables the options of {@code drover COMMAND} read, from their ${env:...} defaults. */
    private static Set<String> optionVariables(String command) {
        CommandLine drover = Drover.commandLine();
        drover.setInterpolateVariables(false);
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : drover.getSubcommands().get(command).getCommandSpec().options()) {
            String declared = option.defaultValue();
            if (declared != null) {
                Matcher m = ENV_DEFAULT.matcher(declared);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> namedIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void theLoggingVariablesAreOnesDroverReads() throws IOException {
        try (InputStream in = Drover.class.getResourceAsStream("/logback.xml")) {
            String logback = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(logback.contains("${DROVER_LOG_LEVEL"), "logback.xml reads DROVER_LOG_LEVEL");
        }
        String drover = Files.readString(Run.repository("cli/src/main/java/io/drover/cli/Drover.java"));
        assertTrue(drover.contains("getenv(\"DROVER_DEBUG\")"), "Drover reads DROVER_DEBUG");
    }

    @Test
    void eachEnvironmentFileDocumentsEveryVariableOfItsCommandAndNoOther() throws IOException {
        for (String command : List.of("operator", "agent")) {
            Set<String> expected = new TreeSet<>(optionVariables(command));
            assertTrue(expected.size() > 10, command + " options read variables: " + expected);
            expected.addAll(LOGGING);
            Set<String> documented = namedIn(Run.repository("deploy/systemd/" + command + ".env"));
            assertEquals(expected, documented, "deploy/systemd/" + command + ".env");
        }
    }

    @Test
    void theUnitsContainerFilesAndOperationsGuideNameOnlyVariablesDroverReads() throws IOException {
        Set<String> known = new TreeSet<>(optionVariables("operator"));
        known.addAll(optionVariables("agent"));
        known.addAll(LOGGING);
        known.addAll(FOR_PROGRAMS);
        List<Path> files;
        try (Stream<Path> systemd = Files.walk(Run.repository("deploy/systemd"));
             Stream<Path> container = Files.walk(Run.repository("deploy/container"))) {
            files = Stream.concat(Stream.concat(systemd, container), Stream.of(Run.repository("docs/operations.md")))
                    .filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith("compose.yaml")), "compose.yaml is checked: " + files);
        for (Path file : files) {
            Set<String> unknown = namedIn(file);
            unknown.removeAll(known);
            assertEquals(Set.of(), unknown, file + " names variables drover does not read");
        }
    }
}
