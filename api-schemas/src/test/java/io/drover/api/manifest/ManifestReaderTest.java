package io.drover.api.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProcessInstance;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.model.StopSignal;
import io.drover.api.source.Sourced;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();

    static String resource(String path) {
        try (InputStream in = ManifestReaderTest.class.getResourceAsStream("/manifests/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Sourced<Resource>> read(String path) {
        return reader.read(resource(path), path, InputFormat.ofFileName(path).orElseThrow());
    }

    @Test
    void readsEveryDocumentOfAMultiDocumentFile() {
        List<Sourced<Resource>> resources = read("scenario-2.yaml");

        assertEquals(3, resources.size());
        RuleSet rules = assertInstanceOf(RuleSet.class, resources.get(0).value());
        assertEquals("scenario-2", rules.name());
        assertEquals(List.of("servers", "consoles"), rules.spec().aliases().stream().map(a -> a.name()).toList());
        assertEquals(Distribution.SINGLE_INSTANCE, rules.spec().applications().get(0).distribution());
        assertEquals("", rules.spec().applications().get(0).programs().get(2).pattern());
        ApplicationSet set = assertInstanceOf(ApplicationSet.class, resources.get(1).value());
        assertEquals(3, set.spec().replicas());
        Application workers = assertInstanceOf(Application.class, resources.get(2).value());
        ProgramSpec worker = workers.spec().programs().get(0);
        assertEquals(AutoRestart.TRUE, worker.autoRestart());
        assertEquals(StopSignal.INT, worker.stopSignal());
        assertEquals(10L * 1024 * 1024, worker.stdout().maxBytes().bytes());
        assertEquals(List.of(0, 2), worker.exitCodes());
    }

    @Test
    void absentValuesStayAbsentSoDefaultsAndRuleSetsCanApply() {
        Application workers = (Application) read("scenario-2.yaml").get(2).value();
        ProgramSpec worker = workers.spec().programs().get(0);
        assertNull(worker.startSecs());
        assertNull(worker.required());
        assertNull(workers.spec().distribution());
    }

    @Test
    void locatesEachFieldAtItsLine() {
        Sourced<Resource> workers = read("scenario-2.yaml").get(2);
        assertEquals(89, workers.sourceMap().locate("/spec/programs/0/numprocs").line());
        // a field that was not written is reported at the object that should hold it
        assertEquals(workers.sourceMap().locate("/spec/programs/0").line(),
                workers.sourceMap().locate("/spec/programs/0/startSecs").line());
    }

    @Test
    void expandsProcessNamesOfANumprocsFamily() {
        Application workers = (Application) read("scenario-2.yaml").get(2).value();
        List<ProcessInstance> processes = workers.spec().programs().get(0).processes("workers");
        assertEquals(List.of("worker_01", "worker_02", "worker_03"), processes.stream().map(ProcessInstance::processName).toList());
        assertEquals(List.of(0, 1, 2), processes.stream().map(ProcessInstance::processIndex).toList());
    }

    @Test
    void expandsAnApplicationSetLikeSupvisorsBreed() {
        ApplicationSet set = (ApplicationSet) read("scenario-2.yaml").get(1).value();
        List<Application> applications = ApplicationSets.expand(set);
        assertEquals(List.of("scen2_srv_01", "scen2_srv_02", "scen2_srv_03"), applications.stream().map(Application::name).toList());
        assertEquals("scen2-services", applications.get(0).metadata().labels().get(ApplicationSets.SET_LABEL));
        assertEquals("services", applications.get(2).metadata().labels().get("tier"));
    }

    @Test
    void readsJson() {
        String json = """
                {"apiVersion": "drover.io/v1", "kind": "Application", "metadata": {"name": "one"},
                 "spec": {"programs": [{"name": "p", "command": "/bin/sleep 5", "autoRestart": false}]}}
                """;
        Application app = (Application) reader.read(json, "one.json", InputFormat.JSON).get(0).value();
        assertEquals(AutoRestart.FALSE, app.spec().programs().get(0).autoRestart());
    }

    @Test
    void readsTheConciliationStrategyAndTheRestartBudget() {
        String yaml = """
                apiVersion: drover.io/v1
                kind: Application
                metadata: {name: radar}
                spec:
                  conciliationStrategy: SENICIDE
                  maxRestarts: 3
                  restartWindowSecs: 120
                  programs: [{name: p, command: sleep 5}]
                """;
        Application app = (Application) reader.read(yaml, "radar.yaml", InputFormat.YAML).get(0).value();
        assertEquals(io.drover.api.model.ConciliationStrategy.SENICIDE, app.spec().conciliationStrategy());
        assertEquals(3, app.spec().maxRestarts());
        assertEquals(120, app.spec().restartWindowSecs());
    }

    @Test
    void refusesARestartBudgetOutOfRangeAtItsLine() {
        String yaml = """
                apiVersion: drover.io/v1
                kind: Application
                metadata: {name: radar}
                spec:
                  maxRestarts: -1
                  programs: [{name: p, command: sleep 5}]
                """;
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> reader.read(yaml, "radar.yaml", InputFormat.YAML));
        assertTrue(error.getMessage().contains("radar.yaml:5"), error.getMessage());
        assertTrue(error.getMessage().contains("maxRestarts is -1"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-field.yaml    | 9 | unknown field 'startsecs'     | did you mean 'startSecs'
            wrong-enum.yaml       | 6 | 'SINGLE' is not an accepted value | ALL_INSTANCES, SINGLE_INSTANCE, SINGLE_NODE
            malformed.yaml        | 8 | invalid YAML                  | fix the syntax
            wrong-type.yaml       | 9 | startSecs: expected a whole number |
            bad-name.yaml         | 4 | may only contain letters      |
            unknown-kind.yaml     | 2 | unknown kind 'Deployment'     | Application, RuleSet, ApplicationSet
            duplicate-key.yaml    | 9 | Duplicate field 'command'     |
            not-a-manifest.json   | 1 | must be a mapping             | apiVersion
            """)
    void refusesBadInputWithALocatedExplanation(String file, int line, String message, String hint) {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> read("bad/" + file));
        Diagnostic first = error.diagnostics().get(0);
        assertEquals(file, first.location().file().replace("bad/", ""));
        assertEquals(line, first.location().line(), first.format());
        assertTrue(first.message().contains(message), first.format());
        if (hint != null) {
            assertTrue(first.format().contains(hint), first.format());
        }
        assertNoJavaInternals(error.getMessage());
    }

    @Test
    void refusesBillionLaughsWithoutExpandingIt() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> read("bad/billion-laughs.yaml"));
        assertNoJavaInternals(error.getMessage());
    }

    @Test
    void reportsEverySemanticProblemAtOnce() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> read("bad/semantic.yaml"));
        String all = error.getMessage();
        for (String expected : List.of("startSequence is -1", "has no command", "exit code 300", "expectedLoading is 150",
                "does not contain %(process_num)", "killAsGroup is false", "contains a comma", "listed twice")) {
            assertTrue(all.contains(expected), () -> "missing '" + expected + "' in:\n" + all);
        }
        assertTrue(error.diagnostics().stream().allMatch(d -> d.location().line() > 0), all);
        assertNoJavaInternals(all);
    }

    @Test
    void refusesAnEmptyFile() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> reader.read("# nothing\n", "empty.yaml", InputFormat.YAML));
        assertTrue(error.getMessage().contains("holds no manifest"));
    }

    static void assertNoJavaInternals(String message) {
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("io.drover."), message);
        assertFalse(message.contains("java.lang"), message);
        assertFalse(message.contains("\tat "), message);
    }
}
