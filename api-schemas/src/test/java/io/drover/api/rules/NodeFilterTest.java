package io.drover.api.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeFilterTest {

    private static final List<KnownNode> NODES = List.of(
            KnownNode.of("server_1", "@SERVER"),
            KnownNode.of("console_1", "@CONSOLE"),
            KnownNode.of("server_2", "@SERVER", "@BIG"),
            KnownNode.of("console_2", "@CONSOLE"));

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "*                              | server_1,console_1,server_2,console_2",
            "console_2,*                    | server_1,console_1,server_2,console_2",
            "console_2,server_1             | console_2,server_1",
            "@SERVER                        | server_1,server_2",
            "console_2,@SERVER,server_1     | console_2,server_1,server_2",
            "@BIG,@SERVER                   | server_2,server_1",
            "ghost,servers,#,console_1      | console_1",
            "ghost                          | ''"})
    void candidatesInSupvisorsOrder(String identifiers, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")),
                NodeFilter.candidates(Arrays.asList(identifiers.split(",")), NODES));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ghost,server_1,@SERVER,servers,ghost | ghost,servers"})
    void unknownNames(String identifiers, String expected) {
        assertEquals(Arrays.asList(expected.split(",")), NodeFilter.unknown(Arrays.asList(identifiers.split(",")), NODES));
    }

    @org.junit.jupiter.api.Test
    void anUnresolvedSignHasNoCandidate() {
        assertEquals(List.of(), NodeFilter.candidates(List.of(), NODES));
    }
}
