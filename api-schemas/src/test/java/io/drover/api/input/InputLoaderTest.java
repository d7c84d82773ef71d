package io.drover.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.model.Application;
import io.drover.api.model.ProgramSpec;
import io.drover.api.source.Sourced;
import io.drover.api.supervisor.NodeConfig;
import io.drover.api.supervisor.SupervisorImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLoaderTest {

    @TempDir
    Path dir;

    private static Path cases(String relative) {
        try {
            return Path.of(InputLoaderTest.class.getResource("/supervisor/cases").toURI()).resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputLoader loader(Map<String, String> env, List<NodeConfig> nodes) {
        return new InputLoader(env, nodes, new ByteArrayInputStream(new byte[0]), new SupervisorImporter(() -> "testhost"));
    }

    private static List<String> names(List<Sourced<Application>> applications) {
        return applications.stream().map(a -> a.value().name()).toList();
    }

    private static String messages(InvalidInputException e) {
        return String.join("\n", e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void scenarioOneFolderLoadsWithLooseNodeFragmentsReadPerFolder() {
        LoadedInputs inputs = loader(Map.of(), List.of()).load(List.of(cases("scenario_1/etc").toString()));

        assertFalse(inputs.ruleSets().isEmpty(), "the rules file is read");
        // rocky51/group_rocky51.ini names programs of rocky51/programs_rocky51.ini: read together, they make a group
        List<String> programs = inputs.application("scen1").orElseThrow().value().spec().programs().stream()
                .map(ProgramSpec::name).toList();
        assertTrue(programs.contains("scen1_wait_nfs_mount_1"), programs.toString());
        assertTrue(programs.contains("scen1_sensor_processing_2"), programs.toString());
    }

    @Test
    void scenarioTwoWithNodeMappingGivesEachProgramTheNodesDefiningIt() {
        Path etc = cases("scenario_2/etc");
        List<NodeConfig> nodes = List.of(
                NodeConfig.of("server_1", etc.resolve("supervisord_server.conf")),
                NodeConfig.of("console_1", etc.resolve("supervisord_console.conf")).withEnv(Map.of("IDENTIFIER", "console_1")));
        LoadedInputs inputs = loader(Map.of(), nodes).load(List.of(etc.resolve("supvisors_rules.xml").toString(),
                etc.resolve("server").toString()));

        ProgramSpec bus = inputs.application("scen2_srv_01").orElseThrow().value().spec().programs().stream()
                .filter(p -> p.name().equals("scen2_internal_data_bus")).findFirst().orElseThrow();
        assertEquals(List.of("server_1"), bus.nodes());
    }

    @Test
    void aSupervisorFileNoMappedNodeReadsIsIgnoredWithAWarning() {
        Path etc = cases("scenario_2/etc");
        List<NodeConfig> nodes = List.of(NodeConfig.of("server_1", etc.resolve("supervisord_server.conf")));
        LoadedInputs inputs = loader(Map.of(), nodes).load(List.of(etc.resolve("console").toString()));

        assertTrue(inputs.warnings().stream().anyMatch(w -> w.message().startsWith("ignored: this Supervisor file is not"
                + " part of the configuration of any mapped node")), inputs.warnings().toString());
        assertTrue(inputs.application("scen2_hci_01").isEmpty(), "console groups are not imported");
    }

    @Test
    void scenarioThreeConsoleWithoutItsIdentifierNamesTheIncludeLine() {
        Path conf = cases("scenario_3/etc/supervisord_console.conf");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader(Map.of(), List.of()).load(List.of(conf.toString())));
        assertTrue(messages(e).contains("supervisord_console.conf:15"), messages(e));
        assertTrue(messages(e).contains("IDENTIFIER"), messages(e));

        LoadedInputs inputs = loader(Map.of("IDENTIFIER", "console_1"), List.of()).load(List.of(conf.toString()));
        assertTrue(names(inputs.applications()).contains("scen3_hci_01"), names(inputs.applications()).toString());
    }

    @Test
    void anApplicationDefinedInTwoFilesIsRefusedNamingBoth() throws IOException {
        String manifest = """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: plant
                spec:
                  programs:
                  - name: pump
                    command: /bin/true
                """;
        Files.writeString(dir.resolve("a.yaml"), manifest);
        Files.writeString(dir.resolve("b.yaml"), manifest);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader(Map.of(), List.of()).load(List.of(dir.toString())));
        assertTrue(messages(e).contains("b.yaml:1:1"), messages(e));
        assertTrue(messages(e).contains("'plant' is already defined at " + dir.resolve("a.yaml") + ":1:1"), messages(e));
    }

    @Test
    void anApplicationSetMakingAnExistingNameIsRefused() throws IOException {
        Files.writeString(dir.resolve("apps.yaml"), """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: srv_02
                spec:
                  programs:
                  - name: pump
                    command: /bin/true
                ---
                apiVersion: drover.io/v1
                kind: ApplicationSet
                metadata:
                  name: servers
                spec:
                  replicas: 3
                  nameTemplate: "srv_{index:02}"
                  template:
                    spec:
                      programs:
                      - name: pump
                        command: /bin/true
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader(Map.of(), List.of()).load(List.of(dir.resolve("apps.yaml").toString())));
        assertTrue(messages(e).contains("application set 'servers' makes an application 'srv_02'"), messages(e));
    }

    @Test
    void everyBrokenFileIsReportedAtOnce() throws IOException {
        Files.writeString(dir.resolve("one.yaml"), "kind: [unclosed\n");
        Files.writeString(dir.resolve("two.xml"), "<root><unclosed></root>");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader(Map.of(), List.of()).load(List.of(dir.toString())));
        assertTrue(messages(e).contains("one.yaml"), messages(e));
        assertTrue(messages(e).contains("two.xml"), messages(e));
    }

    @Test
    void standardInputIsReadAsManifests() {
        String manifest = """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: piped
                spec:
                  programs:
                  - name: pump
                    command: /bin/true
                """;
        InputLoader loader = new InputLoader(Map.of(), List.of(),
                new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), new SupervisorImporter(() -> "h"));
        assertEquals(List.of("piped"), names(loader.load(List.of("-")).applications()));
    }

    @Test
    void anEmptyFolderIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> loader(Map.of(), List.of()).load(List.of(dir.toString())));
        assertTrue(messages(e).contains("no input file found"), messages(e));
    }
}
