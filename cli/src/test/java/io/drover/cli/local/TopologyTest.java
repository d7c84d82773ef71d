package io.drover.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

    @TempDir
    Path dir;

    @Test
    void theScenarioTwoExampleMapsSixNodesToTheirConfigurations() {
        Topology topology = Topology.read(Run.repository("deploy/examples/scenario-2"));

        assertEquals(6, topology.nodes().size());
        assertEquals(6, topology.nodeConfigs().size());
        assertTrue(topology.nodeConfigs().get(0).configFile().endsWith("etc/supervisord_server.conf"));
    }

    private String problem(String yaml) throws IOException {
        Files.writeString(dir.resolve(Topology.FILE_NAME), yaml);
        return assertThrows(IllegalArgumentException.class, () -> Topology.read(dir)).getMessage();
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() throws IOException {
        String message = problem("nodes:\n  - id: server_1\n    lables: [server]\n");
        assertTrue(message.contains("topology.yaml:3"), message);
        assertTrue(message.contains("lables"), message);
    }

    @Test
    void aMissingConfigurationIsNamed() throws IOException {
        String message = problem("nodes:\n  - id: server_1\n    config: etc/absent.conf\n");
        assertTrue(message.contains("uses etc/absent.conf, which does not exist"), message);
    }

    @Test
    void badAndRepeatedNodeIdsAreRefused() throws IOException {
        String message = problem("nodes:\n  - id: 'bad id'\n  - id: n1\n  - id: n1\n");
        assertTrue(message.contains("node id"), message);
        assertTrue(message.contains("node n1 is listed twice"), message);
    }

    @Test
    void aFolderWithoutTopologyIsExplained() {
        String message = assertThrows(IllegalArgumentException.class, () -> Topology.read(dir)).getMessage();
        assertTrue(message.contains("needs a topology.yaml"), message);
    }
}
