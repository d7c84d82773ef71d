package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.source.Sourced;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.cli.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvertCommandTest {

    @TempDir
    Path dir;

    private static LoadedInputs load(String... files) {
        return new InputLoader(Map.of("IDENTIFIER", "console_1"), List.of(), new ByteArrayInputStream(new byte[0]),
                new SupervisorImporter(() -> "testhost")).load(List.of(files));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scenario_1/etc", "scenario_2/etc", "scenario_3/etc"})
    void convertedManifestsReadBackToTheSameResources(String folder) throws IOException {
        String source = Run.cases(folder);
        for (String format : List.of("yaml", "json")) {
            Run run = Run.drover("convert", "-f", source, "--env", "IDENTIFIER=console_1", "-o", format);
            assertEquals(0, run.exitCode(), run.toString());
            Path manifest = Files.writeString(dir.resolve(folder.replace('/', '-') + "." + format), run.out());

            LoadedInputs original = load(source);
            LoadedInputs converted = load(manifest.toString());
            assertEquals(values(original.ruleSets()), values(converted.ruleSets()), format);
            assertEquals(values(original.applications()), values(converted.applications()), format);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml"})
    void rulesComeBeforeApplications(String format) {
        Run run = Run.drover("convert", "-f", Run.cases("scenario_2/etc"), "-o", format);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().indexOf("kind: RuleSet") < run.out().indexOf("kind: Application"), run.out());
    }

    private static <T> List<T> values(List<Sourced<T>> sourced) {
        return sourced.stream().map(Sourced::value).toList();
    }
}
