package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corpus of bad rules files: each one is refused with diagnostics that name the file and the line, say what is
 * wrong in the terms of the rules file (not of the parser) and carry no trace of Java.
 */
class BadRulesFilesTest {

    /** What a user must never see in a message about their file. */
    private static final Pattern JAVA_LEAK = Pattern.compile(
            "\\bat [a-z]+\\.|Exception|\\bjava\\.|\\bjavax\\.|jakarta\\.|org\\.xml|org\\.glassfish|com\\.sun|\\bcvc-|\\{}");

    private final SupvisorsRulesReader reader = new SupvisorsRulesReader();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed.xml                           | 5 | malformed XML: The element type "application" must be terminated by the matching end-tag
            unknown-element.xml                     | 5 | unknown element <colour> in <application>
            wrong-enum.xml                          | 4 | 'SINGLE' is not a distribution; use one of ALL_INSTANCES, SINGLE_INSTANCE, SINGLE_NODE
            expected-loading-150.xml                | 4 | expected_loading '150' is not a whole percentage from 0 to 100
            start-sequence-abc.xml                  | 6 | start_sequence 'abc' is not a whole number from -128 to 127
            xxe.xml                                 | 2 | DOCTYPE is not allowed in a rules file
            billion-laughs.xml                      | 2 | DOCTYPE is not allowed in a rules file
            empty.xml                               | 1 | the file is empty
            not-xml.bin                             | 3 | the file holds binary data (a NUL byte), not XML text
            invalid-utf8.xml                        | 4 | the file is not text in its declared encoding
            duplicate-element.xml                   | 5 | <start_sequence> is written twice in this <application>
            program-outside-programs.xml            | 4 | <program> must be inside <programs>
            program-distribution.xml                | 6 | <distribution> is not allowed in <program>
            retired-elements.xml                    | 4 | <distributed> is not part of the Supvisors rules format any more
            wrong-root.xml                          | 2 | the outermost element is <rules>; a Supvisors rules file has <root>
            alias-without-name.xml                  | 3 | <alias> needs a name attribute
            unknown-attribute.xml                   | 3 | <application> has no attribute 'colour'
            text-in-application.xml                 | 4 | text is not allowed directly inside <application>
            value-with-elements.xml                 | 4 | <start_sequence> holds a value, not elements
            xinclude.xml                            | 3 | <include> is in the XML namespace 'http://www.w3.org/2001/XInclude'
            application-without-name-or-pattern.xml | 3 | <application> has neither a name nor a pattern attribute
            many-problems.xml                       | 4 | expected_loading '150' is not a whole percentage from 0 to 100
            """)
    void eachBadFileIsRefusedAtItsLineWithAHumanSentence(String file, int line, String message) {
        InvalidInputException refused = refuse(file);
        Diagnostic first = refused.diagnostics().get(0);

        assertAll(
                () -> assertEquals(line, first.location().line(), first.format()),
                () -> assertTrue(first.message().startsWith(message), first.format()),
                () -> assertTrue(first.hint() != null && !first.hint().isBlank(), "every error says what to do"),
                () -> assertTrue(first.isError()));
        for (Diagnostic diagnostic : refused.diagnostics()) {
            assertEquals(file, diagnostic.location().file(), diagnostic.format());
            assertTrue(diagnostic.location().line() > 0, diagnostic.format());
        }
        assertFalse(JAVA_LEAK.matcher(refused.getMessage()).find(), refused.getMessage());
    }

    @Test
    void everyFileOfTheCorpusHasItsExpectation() {
        assertEquals(22, RulesResources.filesUnder(RulesResources.BAD).size(),
                "a new bad file needs a line in the table above");
    }

    @Test
    void allProblemsOfAFileAreReportedAtOnce() {
        Map<Integer, String> byLine = new TreeMap<>();
        for (Diagnostic diagnostic : refuse("many-problems.xml").diagnostics()) {
            byLine.put(diagnostic.location().line(), diagnostic.message());
        }

        assertEquals(Map.of(
                4, "expected_loading '150' is not a whole percentage from 0 to 100",
                5, "required 'yes' is not true or false",
                8, "'single_instance' is not a distribution; use one of ALL_INSTANCES, SINGLE_INSTANCE, SINGLE_NODE",
                9, "'LESS' is not a starting strategy; use one of CONFIG, LESS_LOADED, MOST_LOADED, LOCAL,"
                        + " LESS_LOADED_NODE, MOST_LOADED_NODE",
                12, "start_sequence 'abc' is not a whole number from -128 to 127",
                13, "stop_sequence '300' is not a whole number from -128 to 127",
                15, "<program> has neither a name nor a pattern attribute",
                20, "<application> has neither a name nor a pattern attribute"), byLine);
    }

    @Test
    void aValueInTheWrongCaseGetsTheRightSpellingAsHint() {
        Diagnostic distribution = refuse("many-problems.xml").diagnostics().stream()
                .filter(d -> d.location().line() == 8)
                .findFirst()
                .orElseThrow();

        assertEquals("names are written in capitals: SINGLE_INSTANCE", distribution.hint());
    }

    @Test
    void eachUnknownAttributeIsNamedOnce() {
        List<String> messages = refuse("unknown-attribute.xml").diagnostics().stream().map(Diagnostic::message).toList();

        assertEquals(List.of("<application> has no attribute 'colour'", "<application> has no attribute 'size'",
                "<start_sequence> has no attribute 'unit'"), messages);
    }

    @Test
    void everyMisplacedElementOfAProgramIsReported() {
        List<String> messages = refuse("program-distribution.xml").diagnostics().stream().map(Diagnostic::message).toList();

        assertEquals(List.of("<distribution> is not allowed in <program>",
                "<starting_strategy> is not allowed in <program>"), messages);
    }

    @Test
    void retiredElementsPointToWhatReplacedThem() {
        List<Diagnostic> diagnostics = refuse("retired-elements.xml").diagnostics();

        assertEquals(2, diagnostics.size());
        assertTrue(diagnostics.get(0).hint().contains("<distribution>"), diagnostics.get(0).format());
        assertTrue(diagnostics.get(1).hint().contains("<identifiers>"), diagnostics.get(1).format());
    }

    @Test
    void anApplicationWithBothNameAndPatternIsRefusedToo() {
        List<String> messages = refuse("application-without-name-or-pattern.xml").diagnostics().stream()
                .map(d -> d.location().line() + " " + d.message())
                .toList();

        assertEquals(List.of("3 <application> has neither a name nor a pattern attribute",
                "6 <application> has both a name and a pattern attribute",
                "8 <program> has neither a name nor a pattern attribute"), messages);
    }

    @Test
    void aBadFileOnDiskIsNamedByItsPath(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("wrong-enum.xml");
        Files.write(file, RulesResources.bytes(RulesResources.BAD + "/wrong-enum.xml"));

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reader.read(file));

        assertTrue(refused.getMessage().startsWith(file + ":4:"), refused.getMessage());
    }

    private InvalidInputException refuse(String file) {
        byte[] content = RulesResources.bytes(RulesResources.BAD + "/" + file);
        return assertThrows(InvalidInputException.class, () -> reader.read(content, file));
    }
}
