package io.drover.cli.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.input.LoadedInputs;
import io.drover.api.supervisor.NodeConfig;
import io.drover.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

    @TempDir
    Path dir;

    @BeforeEach
    void aConfiguration() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/supervisord.conf"), "[supervisord]\n");
    }

    private Topology read(String yaml) throws IOException {
        Files.writeString(dir.resolve(Topology.FILE_NAME), yaml);
        return Topology.read(dir);
    }

    private String problem(String yaml) throws IOException {
        Files.writeString(dir.resolve(Topology.FILE_NAME), yaml);
        return assertThrows(InvalidInputException.class, () -> Topology.read(dir)).getMessage();
    }

    @Test
    void theScenarioTwoExampleHasThreeServersAndThreeConsolesEachReadingItsConfiguration() {
        Topology topology = Topology.read(Run.repository("deploy/examples/scenario-2"));

        assertEquals(List.of("server_1", "server_2", "server_3", "console_1", "console_2", "console_3"),
                topology.nodes().stream().map(Topology.Node::id).toList());
        assertEquals(List.of("server"), topology.nodes().get(0).labels());
        List<NodeConfig> configs = topology.nodeConfigs();
        assertEquals(6, configs.size());
        assertTrue(configs.get(0).configFile().endsWith("etc/supervisord_server.conf"), configs.toString());
        assertTrue(configs.get(5).configFile().endsWith("etc/supervisord_console.conf"), configs.toString());
        assertTrue(Files.isRegularFile(topology.files().get(0)), topology.files().toString());
        assertTrue(topology.path().get(0).endsWith("bin"));
    }

    @Test
    void everyExampleOfTheRepositoryReadsWithItsFilesAndStartsSomethingByItself() {
        for (String name : Examples.names()) {
            Topology topology = Topology.read(Examples.resolve(name));
            assertTrue(!topology.nodes().isEmpty(), name);
            // what drover up applies, checked as it checks it before starting anything
            LoadedInputs inputs = LocalUp.load(topology);
            assertTrue(!inputs.expandedApplications().isEmpty(), name);
            assertTrue(!Expectations.of(inputs).automatic().isEmpty(), name);
        }
        assertEquals(List.of("scenario-1", "scenario-2", "scenario-3"), Examples.names());
    }

    @Test
    void theScenarioThreeConsolesEachReadTheirOwnHciGroup() {
        Topology topology = Topology.read(Run.repository("deploy/examples/scenario-3"));

        List<String> applications = LocalUp.load(topology).expandedApplications().stream()
                .map(a -> a.value().name()).sorted().toList();
        // console_4 and console_5 have groups in etc/ but are not nodes of the example: their groups are not read
        assertEquals(List.of("common_data_bus", "scen3_hci_01", "scen3_hci_02", "scen3_hci_03", "scen3_internal_data_bus",
                "scen3_srv"), applications);
        assertEquals(Map.of("IDENTIFIER", "console_2"), topology.environment(topology.node("console_2").orElseThrow()));
    }

    @Test
    void aMinimalTopologyNeedsOnlyNodeIds() throws IOException {
        Topology topology = read("nodes:\n  - id: n1\n");

        assertEquals("n1", topology.nodes().get(0).id());
        assertNull(topology.nodes().get(0).config());
        assertTrue(topology.nodeConfigs().isEmpty());
    }

    @Test
    void anUnknownFieldIsNamedAtItsLine() throws IOException {
        String message = problem("nodes:\n  - id: server_1\n    lables: [server]\n");

        assertTrue(message.contains("topology.yaml:3:5: error: unknown field 'lables' in a node"), message);
        assertTrue(message.contains("hint: a topology has 'files', 'path', 'env' and 'nodes'"), message);
    }

    @Test
    void anUnknownTopLevelFieldIsNamedToo() throws IOException {
        String message = problem("node:\n  - id: server_1\n");

        assertTrue(message.contains("topology.yaml:1:1: error: unknown field 'node' in top level"), message);
        assertTrue(message.contains("error: no nodes"), message);
    }

    @Test
    void aMissingConfigurationIsNamedWithItsLine() throws IOException {
        String message = problem("nodes:\n  - id: server_1\n    config: etc/absent.conf\n");

        assertTrue(message.contains("topology.yaml:3:5: error: node server_1 reads etc/absent.conf, which is not a file in "
                + dir.toAbsolutePath().normalize()), message);
    }

    @Test
    void aMissingFileToApplyIsNamed() throws IOException {
        String message = problem("files: [etc/rules.xml]\nnodes:\n  - id: n1\n");

        assertTrue(message.contains("topology.yaml:1:9: error: etc/rules.xml is not a file in"), message);
    }

    @Test
    void badAndRepeatedNodeIdsAreRefused() throws IOException {
        String message = problem("nodes:\n  - id: 'bad id'\n  - id: n1\n  - id: n1\n  - labels: [x]\n");

        assertTrue(message.contains("topology.yaml:2:5: error: node name 'bad id' may only contain letters"), message);
        assertTrue(message.contains("topology.yaml:4:5: error: node n1 is listed twice"), message);
        assertTrue(message.contains("topology.yaml:5:5: error: a node has no 'id'"), message);
    }

    @Test
    void badEnvironmentsAreRefused() throws IOException {
        String message = problem("nodes:\n  - id: n1\n    env: {IDENTIFIER: '{node}', 1X: a, Y: [1]}\n");

        assertTrue(message.contains("unknown placeholder {node} in IDENTIFIER"), message);
        assertTrue(message.contains("'1X' is not an environment variable name"), message);
        assertTrue(message.contains("the value of Y must be a string"), message);
    }

    @Test
    void notYamlOrNotAMappingIsSaidSo() throws IOException {
        assertTrue(problem("nodes: [\n").contains("not valid YAML"));
        assertTrue(problem("- a\n- b\n").contains("must be a mapping"));
        assertTrue(problem("").contains("is empty"));
    }

    @Test
    void aFolderWithoutTopologyIsExplained() throws IOException {
        Files.deleteIfExists(dir.resolve(Topology.FILE_NAME));
        String message = assertThrows(InvalidInputException.class, () -> Topology.read(dir)).getMessage();

        assertTrue(message.contains("no topology.yaml in"), message);
    }

    @Test
    void environmentPlaceholdersAreReplacedPerNode() throws IOException {
        Topology topology = read("env: {DAY: '{date}'}\nnodes:\n  - id: console_1\n    config: etc/supervisord.conf\n"
                + "    env: {IDENTIFIER: '{id}', AT: '{time}'}\n");

        Map<String, String> env = topology.environment(topology.nodes().get(0));
        assertEquals("console_1", env.get("IDENTIFIER"));
        assertTrue(env.get("DAY").matches("\\d{8}"), env.toString());
        assertTrue(env.get("AT").matches("\\d{6}"), env.toString());
        assertEquals("console_1", topology.nodeConfigs().get(0).env().get("IDENTIFIER"));
    }

    @Test
    void thePathGoesFirstOnTheProcessesPath() throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Topology topology = read("path: [bin]\nnodes:\n  - id: n1\n");

        Map<String, String> env = topology.processEnvironment(topology.nodes().get(0), Map.of("PATH", "/usr/bin", "A", "b"));
        assertEquals(dir.toAbsolutePath().normalize().resolve("bin") + ":/usr/bin", env.get("PATH"));
        assertEquals("b", env.get("A"));
    }

    @Test
    void otherNodesTakeTheConfigurationOfTheirLabel() throws IOException {
        Topology topology = read("nodes:\n  - id: server_1\n    labels: [server]\n    config: etc/supervisord.conf\n"
                + "    env: {IDENTIFIER: '{id}'}\n  - id: console_1\n    labels: [console]\n");

        Topology chosen = topology.withNodes(Topology.NodeRequest.parseList("server_1,server_9:server+big,console_1:desk"));

        assertEquals(List.of("server_1", "server_9", "console_1"), chosen.nodes().stream().map(Topology.Node::id).toList());
        assertEquals(List.of("server"), chosen.nodes().get(0).labels());
        assertEquals(List.of("server", "big"), chosen.nodes().get(1).labels());
        assertEquals(topology.nodes().get(0).config(), chosen.nodes().get(1).config());
        assertEquals("server_9", chosen.environment(chosen.nodes().get(1)).get("IDENTIFIER"));
        assertEquals(List.of("desk"), chosen.nodes().get(2).labels());
    }

    @Test
    void anotherNodeWithoutAKnownLabelIsRefused() throws IOException {
        Topology topology = read("nodes:\n  - id: server_1\n    labels: [server]\n    config: etc/supervisord.conf\n");

        String message = assertThrows(IllegalArgumentException.class,
                () -> topology.withNodes(Topology.NodeRequest.parseList("x1:other"))).getMessage();
        assertTrue(message.contains("node x1 has no label of the example's nodes"), message);
        assertTrue(message.contains("give it one of server"), message);
    }

    @Test
    void badNodeListsAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Topology.NodeRequest.parseList("a b:server"))
                .getMessage().contains("write id:label+label,..."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Topology.NodeRequest.parseList("a:,b"))
                .getMessage().contains("label name is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Topology.NodeRequest.parseList(""))
                .getMessage().contains("node name is empty"));
    }
}
