package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Alias;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file using every element and every kind of value, in an unusual order: the values as Supvisors reads them, and
 * a source map whose pointers mirror the YAML form of the RuleSet.
 */
class EveryElementTest {

    private static final String FILE = "every-element.xml";
    private static final String RESOURCE = RulesResources.GOOD + "/" + FILE;

    private final Sourced<RuleSet> read = new SupvisorsRulesReader().read(RulesResources.bytes(RESOURCE), FILE);

    @Test
    void aliasListsAreSplitOnCommasTrimmedAndWithoutEmptyNames() {
        assertEquals(List.of(
                new Alias("servers", List.of("server_1", "server_2", "server_3")),
                new Alias("empty", List.of())), read.value().spec().aliases());
    }

    @Test
    void modelsKeepTheirReferenceAndTheirPatternForRuleValidationToJudge() {
        assertEquals(List.of(
                new ProgramRule("base", null, null, List.of("servers"), null, null, null, null, 5, null, null),
                new ProgramRule("derived", "ignored_", "base", null, null, null, false, null, null, null, null)),
                read.value().spec().models());
    }

    @Test
    void applicationValuesAreReadWhateverTheirOrder() {
        ApplicationRule web = read.value().spec().applications().get(0);

        assertEquals(new ApplicationRule("web", null, Distribution.SINGLE_NODE, List.of("@", "*"), -128, 127,
                StartingStrategy.MOST_LOADED_NODE, StartingFailureStrategy.ABORT, RunningFailureStrategy.RESTART,
                "all('front') and any('worker_.*')", web.programs()), web);
    }

    @Test
    void programValuesFollowXmlSchemaLexicalRules() {
        ProgramRule worker = read.value().spec().applications().get(0).programs().get(0);

        assertEquals(new ProgramRule(null, "worker_\\d+", "derived", List.of("#", "servers"), 2, -1, true, false, 100,
                StartingFailureStrategy.CONTINUE, RunningFailureStrategy.SHUTDOWN), worker,
                "' +2 ' is 2, '1' is true, '0' is false");
    }

    @Test
    void anEmptyValueElementMeansNotSetAsInSupvisors() {
        ProgramRule front = read.value().spec().applications().get(0).programs().get(1);

        assertEquals(new ProgramRule("front", null, null, null, null, null, null, null, null, null, null), front);
    }

    @Test
    void theEmptyPatternIsKeptAndEmptyProgramsStayAList() {
        ApplicationRule catchAll = read.value().spec().applications().get(1);

        assertEquals("", catchAll.pattern());
        assertNull(catchAll.name());
        assertEquals(StartingStrategy.LESS_LOADED_NODE, catchAll.startingStrategy());
        assertEquals(List.of(), catchAll.programs());
    }

    @ParameterizedTest(name = "pointer '{0}'")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                              | <root>
            /spec                                           | <root>
            /spec/aliases                                   | <alias name="servers">
            /spec/aliases/0                                 | <alias name="servers">
            /spec/aliases/0/name                            | <alias name="servers">
            /spec/aliases/1/identifiers                     | <alias name="empty">
            /spec/models                                    | <model name="base">
            /spec/models/0/expectedLoading                  | <expected_loading>5</expected_loading>
            /spec/models/1/reference                        | <reference>base</reference>
            /spec/models/1/pattern                          | <model name="derived" pattern="ignored_">
            /spec/applications                              | <application name="web">
            /spec/applications/0/name                       | <application name="web">
            /spec/applications/0/distribution               | <distribution>SINGLE_NODE</distribution>
            /spec/applications/0/operationalStatus          | <operational_status>
            /spec/applications/0/startSequence              | <start_sequence>-128</start_sequence>
            /spec/applications/0/programs                   | <programs>
            /spec/applications/0/programs/0                 | <program pattern="worker_\\d+">
            /spec/applications/0/programs/0/identifiers     | <identifiers>#,servers</identifiers>
            /spec/applications/0/programs/0/startSequence   | <start_sequence> +2 </start_sequence>
            /spec/applications/0/programs/0/waitExit        | <wait_exit>0</wait_exit>
            /spec/applications/0/programs/0/reference       | <reference>derived</reference>
            /spec/applications/0/programs/1/identifiers     | <identifiers></identifiers>
            /spec/applications/1/pattern                    | <application pattern="">
            /spec/applications/1/programs                   | <programs/>
            """)
    void eachPointerLocatesTheElementThatHoldsTheValue(String pointer, String line) {
        assertEquals(RulesResources.lineOf(RESOURCE, line), read.sourceMap().locate(pointer).line(), pointer);
    }

    @Test
    void anAbsentValueIsLocatedAtTheElementThatWouldHoldIt() {
        SourceMap map = read.sourceMap();

        assertEquals(map.locate("/spec/applications/1"), map.locate("/spec/applications/1/distribution"));
        assertEquals(map.locate("/spec/applications/0/programs/1"), map.locate("/spec/applications/0/programs/1/required"));
    }

    @Test
    void theNameComesFromTheFileNameSoItIsLocatedAtTheFile() {
        assertEquals("every-element", read.value().metadata().name());
        assertEquals(SourceLocation.of(FILE), read.sourceMap().locate("/metadata/name"));
    }
}
