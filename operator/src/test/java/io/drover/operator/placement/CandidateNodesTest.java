package io.drover.operator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.state.NodeInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandidateNodesTest {

    private static final List<NodeInfo> ALIVE = List.of(
            new NodeInfo("server_1", "h1", List.of("@SERVER"), 100, null, null, null),
            new NodeInfo("server_2", "h2", List.of("@SERVER"), 100, null, null, null),
            new NodeInfo("console_1", "h1", List.of("@CONSOLE"), 100, null, null, null));

    @ParameterizedTest(name = "identifiers {0}, defined on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *                    | -                  | server_1,server_2,console_1
            server_2,server_1    | -                  | server_2,server_1
            @CONSOLE,@SERVER     | -                  | console_1,server_1,server_2
            *                    | @SERVER            | server_1,server_2
            *                    | server_2,console_1 | server_2,console_1
            server_3,console_1   | -                  | console_1
            server_1             | @CONSOLE           | -
            """)
    void designatedAliveNodesThatDefineTheProgram(String identifiers, String definedOn, String expected) {
        List<String> defined = definedOn.equals("-") ? List.of() : Arrays.asList(definedOn.split(","));
        List<NodeInfo> candidates = CandidateNodes.of(Arrays.asList(identifiers.split(",")), defined, ALIVE);
        assertEquals(expected, candidates.isEmpty() ? "-" : String.join(",", candidates.stream().map(NodeInfo::nodeId).toList()));
    }

    @ParameterizedTest(name = "{0} over 3 nodes -> {1}")
    @CsvSource({"scen3_hci_01, a", "scen3_hci_02, b", "scen3_hci_04, a", "app-6, c", "noNumber, -", "app_0, -"})
    void numberedApplicationTakesTheNthNodeRollingOver(String application, String expected) {
        assertEquals(expected, NumberedApplication.node(application, List.of("a", "b", "c")).orElse("-"));
    }
}
