package io.drover.api.supervisor.ini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader cuts and joins lines where Python's ConfigParser does, with Supervisor's settings. */
class IniReaderTest {

    private final Diagnostics diagnostics = new Diagnostics();
    private final IniDocument document = new IniDocument();

    private IniDocument read(String text) {
        IniReader.read(text, "test.ini", Path.of("/etc/app/test.ini"), document, diagnostics);
        return document;
    }

    private String value(String section, String option) {
        IniSection found = document.section(section).orElseThrow();
        return document.value(found, option).map(IniValue::text).orElseThrow();
    }

    @Test
    void readsBothDelimitersAndLowerCasesOptionNamesOnly() {
        read("[Program:Web]\nCommand = run\nAutoStart: false\n");

        assertEquals("run", value("Program:Web", "command"));
        assertEquals("false", value("Program:Web", "autostart"));
        assertTrue(document.section("program:web").isEmpty(), "section names are case-sensitive");
    }

    @Test
    void theOptionNameEndsAtTheFirstDelimiter() {
        read("[a]\nurl: http://host:9001\nx = a=b\n");

        assertEquals("http://host:9001", value("a", "url"));
        assertEquals("a=b", value("a", "x"));
    }

    @Test
    void indentedLinesContinueTheValueWithNewlines() {
        read("[include]\nfiles = a/*.ini\n    b/*.ini\n\n\tc/*.ini\n\n[next]\n");

        assertEquals("a/*.ini\nb/*.ini\n\nc/*.ini", value("include", "files"));
    }

    @Test
    void trailingBlankLinesAreNotPartOfTheValue() {
        read("[a]\nx = 1\n\n\n");

        assertEquals("1", value("a", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "x = value ; comment|value",
            "x = value # comment|value",
            "x = value;not a comment|value;not a comment",
            "x = a#b|a#b",
            "x = a;b #c ;d|a;b",
            "x = a;b ;c #d|a;b ;c",
            "x = \"quoted ; still cut\"|\"quoted"})
    void inlineCommentsNeedABlankBefore(String line, String expected) {
        read("[a]\n" + line + "\n");

        assertEquals(expected, value("a", "x"));
    }

    @Test
    void fullLineCommentsAreSkippedEvenInsideAValue() {
        read("; header comment\n# another\n[a]\nx = 1\n  ; indented comment\n  2\n");

        assertEquals("1\n2", value("a", "x"));
    }

    @Test
    void repeatedSectionsAndOptionsMergeAndTheLaterValueWins() {
        read("[a]\nx = 1\ny = 1\n[b]\n[a]\nx = 2\n");

        assertEquals("2", value("a", "x"));
        assertEquals("1", value("a", "y"));
        assertEquals(6, document.section("a").orElseThrow().option("x").orElseThrow().location().line());
        assertEquals(1, document.section("a").orElseThrow().header().line());
        assertEquals(List.of("a", "b"), document.sections().stream().map(IniSection::name).toList());
        assertFalse(diagnostics.hasErrors());
    }

    @Test
    void theDefaultSectionIsInheritedByEverySection() {
        read("[DEFAULT]\nautostart = false\n[program:a]\ncommand = x\n");

        assertEquals("false", value("program:a", "autostart"));
        assertTrue(document.section("DEFAULT").isEmpty());
    }

    @Test
    void everyOptionKnowsItsLineAndFile() {
        read("\n[program:a]\n\ncommand = x\n");

        IniValue command = document.section("program:a").orElseThrow().option("command").orElseThrow();
        assertEquals("test.ini", command.location().file());
        assertEquals(4, command.location().line());
        assertEquals("/etc/app", command.here());
    }

    @Test
    void windowsAndOldMacLineEndingsAreLineEndings() {
        read("[a]\r\nx = 1\r\n  2\ry = 3");

        assertEquals("1\n2", value("a", "x"));
        assertEquals("3", value("a", "y"));
    }

    @Test
    void malformedLinesAreAllReportedWithTheirLine() {
        read("[a]\nx = 1\nno delimiter here\n= no name\nalso bad\n");

        List<Diagnostic> errors = diagnostics.errors();
        assertEquals(List.of(3, 4, 5), errors.stream().map(d -> d.location().line()).toList());
        assertTrue(errors.stream().allMatch(d -> d.hint() != null && !d.hint().isBlank()));
        assertEquals("1", value("a", "x"));
    }

    @Test
    void anOptionBeforeAnySectionStopsTheFile() {
        read("x = 1\n[a]\ny = 2\n");

        assertEquals(1, diagnostics.errors().size());
        assertEquals(1, diagnostics.errors().get(0).location().line());
        assertTrue(diagnostics.errors().get(0).message().contains("before any [section]"));
    }

    @Test
    void textAfterASectionHeaderIsIgnoredWithAWarning() {
        read("[a] trailing\nx = 1\n");

        assertEquals("1", value("a", "x"));
        assertEquals(1, diagnostics.warnings().size());
    }

    @Test
    void anIndentedHeaderRightAfterAnOptionContinuesItAsInPython() {
        read("[a]\nx = 1\n  [b]\n");

        assertEquals("1\n[b]", value("a", "x"));
        assertTrue(document.section("b").isEmpty());
    }
}
