package io.drover.api.supervisor;

import static io.drover.api.supervisor.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging the configurations of several nodes: union of programs, node lists, and refused disagreements. */
class NodeMergeTest {

    @TempDir
    Path dir;

    private final SupervisorImporter importer = new SupervisorImporter(() -> "this-host");

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void programsDefinedTheSameWayOnSeveralNodesRunOnAllOfThemInTargetOrder() throws IOException {
        Path a = write("a.conf", "[group:app]\nprograms = shared,only_a\n[program:shared]\ncommand = s\n[program:only_a]\ncommand = a\n");
        Path b = write("b.conf", "[group:app]\nprograms = shared\n[program:shared]\ncommand = s\n");

        ImportResult result = importer.importNodes(List.of(NodeConfig.of("node_b", b), NodeConfig.of("node_a", a)), Map.of());

        assertEquals(List.of("node_b", "node_a"), program(result, "app", "shared").nodes());
        assertEquals(List.of("node_a"), program(result, "app", "only_a").nodes());
    }

    @Test
    void aRuntimePlaceholderIsTheSameDefinitionOnEveryNode() throws IOException {
        Path conf = write("n.conf", "[program:p]\ncommand = run --on %(host_node_name)s --as %(ENV_USER)s\n");

        ImportResult result = importer.importNodes(List.of(
                NodeConfig.of("n1", conf).withEnv(Map.of("USER", "alice")),
                NodeConfig.of("n2", conf).withEnv(Map.of("USER", "bob"))), Map.of());

        assertEquals(List.of("n1", "n2"), program(result, "p", "p").nodes());
    }

    @Test
    void aProgramDefinedDifferentlyOnTwoNodesIsAnErrorNamingBothLinesAndTheField() throws IOException {
        Path a = write("a.conf", "[program:p]\ncommand = p\nstartsecs = 1\n");
        Path b = write("b.conf", "[program:p]\ncommand = p\n\nstartsecs = 10\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importer.importNodes(List.of(
                NodeConfig.of("n1", a), NodeConfig.of("n2", b)), Map.of()));

        Diagnostic error = refused.diagnostics().get(0);
        assertTrue(error.location().file().endsWith("b.conf"));
        assertEquals(4, error.location().line());
        assertTrue(error.message().contains("a.conf:3"), error.message());
        assertTrue(error.message().contains("startSecs is 10 here but 1 there"), error.message());
        assertTrue(error.message().contains("n1") && error.message().contains("n2"), error.message());
    }

    @Test
    void aDifferenceInANestedValueNamesItsPath() throws IOException {
        Path a = write("a.conf", "[program:p]\ncommand = p\nstdout_logfile = a.log\n");
        Path b = write("b.conf", "[program:p]\ncommand = p\nstdout_logfile = b.log\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> importer.importFiles(List.of(a, b), Map.of()));

        assertTrue(refused.diagnostics().get(0).message().contains("stdout/logfile is 'b.log' here but 'a.log' there"),
                refused.getMessage());
    }

    @Test
    void aTypedValueExpandedDifferentlyPerNodeIsADifference() throws IOException {
        Path conf = write("n.conf", "[program:p]\ncommand = p\nstartsecs = %(ENV_WAIT)s\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importer.importNodes(List.of(
                NodeConfig.of("n1", conf).withEnv(Map.of("WAIT", "1")),
                NodeConfig.of("n2", conf).withEnv(Map.of("WAIT", "2"))), Map.of()));

        assertTrue(refused.getMessage().contains("startSecs"));
    }

    @Test
    void theSameGroupWithDifferentProgramsPerNodeIsTheirUnion() throws IOException {
        Path a = write("a.conf", "[group:g]\nprograms = x\n[program:x]\ncommand = x\n");
        Path b = write("b.conf", "[group:g]\nprograms = y\n[program:y]\ncommand = y\n[program:x]\ncommand = other\n");

        ImportResult result = importer.importNodes(List.of(NodeConfig.of("a", a), NodeConfig.of("b", b)), Map.of());

        assertEquals(List.of("g", "x"), result.applicationNames(), "on b, x is a group of its own");
        assertEquals(List.of("a"), program(result, "g", "x").nodes());
        assertEquals(List.of("b"), program(result, "g", "y").nodes());
        assertEquals(List.of("b"), program(result, "x", "x").nodes());
    }

    @Test
    void anInvalidTargetIsAnError() throws IOException {
        Path conf = write("n.conf", "[program:p]\ncommand = p\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> importer.importNodes(List.of(NodeConfig.of("bad node", conf)), Map.of()));

        assertTrue(refused.getMessage().contains("node mapping"));
    }

    @Test
    void aProblemInAFileReadForSeveralNodesIsReportedOnce() throws IOException {
        Path conf = write("n.conf", "[program:p]\ncommand = p\nautostart = maybe\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importer.importNodes(List.of(
                NodeConfig.of("n1", conf), NodeConfig.of("n2", conf), NodeConfig.of("n3", conf)), Map.of()));

        assertEquals(1, refused.diagnostics().size(), refused.getMessage());
    }
}
