package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateCommandTest {

    private static final Pattern LOCATED = Pattern.compile("\\S+(:\\d+){0,2}: error: ");

    @ParameterizedTest
    @ValueSource(strings = {"scenario_1/etc", "scenario_2/etc", "scenario_3/etc"})
    void everyUseCaseFolderIsValid(String folder) {
        Run run = Run.drover("validate", "-f", Run.cases(folder), "--env", "IDENTIFIER=console_1");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("valid: "), run.toString());
    }

    static Stream<Path> badFiles() throws IOException {
        List<Path> folders = List.of(Run.repository("api-schemas/src/test/resources/manifests/bad"),
                Run.repository("api-schemas/src/test/resources/supvisors/bad"),
                Run.repository("api-schemas/src/test/resources/supervisor/bad"));
        return folders.stream().filter(Files::isDirectory).flatMap(folder -> {
            try {
                return Files.walk(folder).filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(ya?ml|json|xml|ini|conf)$"))
                        // include loops are accepted with a warning, as supervisord accepts them
                        .filter(f -> !f.toString().contains("include"))
                        .sorted().toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void everyBadFileIsRefusedWithALocatedErrorAndNoStackTrace(Path file) {
        Run run = Run.drover("validate", "-f", file.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(LOCATED.matcher(run.err()).find(), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
        assertEquals("", run.out(), "nothing on standard output when invalid");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Run run = Run.drover("validate", "-f", dir.resolve("absent.yaml").toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("absent.yaml: error: no such file or folder"), run.toString());
    }

    @Test
    void warningsGoToStandardErrorAndStillExitZero() {
        String etc = Run.cases("scenario_2/etc");
        Run run = Run.drover("validate", "-f", etc + "/supvisors_rules.xml", "-f", etc + "/supvisors_rules_mc.xml");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("warning: pattern 'scen2_srv_' is also declared"), run.toString());
    }

    @Test
    void withoutFilesTheUsageIsShown() {
        Run run = Run.drover("validate");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Missing required option: '--filename=FILE'"), run.toString());
    }

    @Test
    void aMalformedNodeEnvironmentIsAUsageError() {
        String etc = Run.cases("scenario_2/etc");
        Run run = Run.drover("validate", "-f", etc, "--node", "console_1=" + etc + "/supervisord_console.conf",
                "--node-env", "console_1=IDENTIFIER");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not NODE:NAME=VALUE"), run.toString());
    }
}
