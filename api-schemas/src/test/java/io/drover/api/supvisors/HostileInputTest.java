package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.json.Json;
import io.drover.api.model.Alias;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files written to attack the reader: none reads another file, expands entities, or costs more than its size. */
class HostileInputTest {

    private static final String SECRET = "the-secret-drover-must-never-show";

    private final SupvisorsRulesReader reader = new SupvisorsRulesReader();

    @TempDir
    Path directory;
    private Path secretFile;

    @BeforeEach
    void writeASecret() throws Exception {
        secretFile = directory.resolve("secret.txt");
        Files.writeString(secretFile, SECRET);
    }

    @Test
    void anExternalEntityNeverReadsTheLocalFile() {
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE root [<!ENTITY secret SYSTEM \"" + secretFile.toUri() + "\">]>\n"
                + "<root><alias name=\"stolen\">&secret;</alias></root>\n";

        InvalidInputException refused = refuse(xml);

        assertDoctypeRefused(refused, 2);
    }

    @Test
    void anExternalParameterEntityNeverReadsTheLocalFile() {
        String xml = "<!DOCTYPE root [<!ENTITY % remote SYSTEM \"" + secretFile.toUri() + "\"> %remote;]>\n<root/>";

        assertDoctypeRefused(refuse(xml), 1);
    }

    @Test
    void anExternalDtdIsNeverLoaded() {
        String xml = "<!DOCTYPE root SYSTEM \"" + secretFile.toUri() + "\">\n<root/>";

        assertDoctypeRefused(refuse(xml), 1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        byte[] content = RulesResources.bytes(RulesResources.BAD + "/billion-laughs.xml");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reader.read(content, "laughs.xml"));

        assertEquals(1, refused.diagnostics().size());
        assertEquals("DOCTYPE is not allowed in a rules file", refused.diagnostics().get(0).message());
        assertFalse(refused.getMessage().contains("lollol"));
    }

    @Test
    void anXIncludeIsNotProcessed() {
        String xml = "<root xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
                + "  <xi:include href=\"" + secretFile.toUri() + "\" parse=\"text\"/>\n</root>";

        InvalidInputException refused = refuse(xml);

        assertEquals(2, refused.diagnostics().get(0).location().line());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void aSchemaLocationInTheFileIsIgnored() throws Exception {
        Path permissive = directory.resolve("permissive.xsd");
        Files.writeString(permissive, "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                + "<xs:element name=\"root\"/></xs:schema>");
        String xml = "<root xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\""
                + permissive.toUri() + "\"><alias name=\"a\">b</alias><colour/></root>";

        InvalidInputException refused = refuse(xml);

        assertEquals("unknown element <colour> in <root>", refused.diagnostics().get(0).message(),
                "validated by drover's schema, not the one the file names");
        assertEquals(List.of(new Alias("a", List.of("b"))), reader.read(
                xml.replace("<colour/>", "").getBytes(StandardCharsets.UTF_8), "hinted.xml").value().spec().aliases());
    }

    @Test
    void anOversizedContentIsRefusedBeforeParsing() {
        byte[] content = new byte[Json.MAX_DOCUMENT_CHARS + 1];
        Arrays.fill(content, (byte) ' ');
        byte[] doctype = "<!DOCTYPE root [<!ENTITY a 'a'>]>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(doctype, 0, content, 0, doctype.length);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reader.read(content, "huge.xml"));

        assertEquals(1, refused.diagnostics().size());
        Diagnostic tooLarge = refused.diagnostics().get(0);
        assertEquals("huge.xml", tooLarge.location().file());
        assertEquals("the file is 4,194,305 bytes (4.0 MiB); a rules file may be at most 4,194,304 bytes (4.0 MiB)",
                tooLarge.message(), "the size problem alone: the DOCTYPE was never parsed");
    }

    @Test
    void anOversizedFileIsRefusedFromItsSize() throws Exception {
        Path huge = directory.resolve("huge.xml");
        Files.write(huge, new byte[Json.MAX_DOCUMENT_CHARS + 1024 * 1024]);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reader.read(huge));

        assertEquals(1, refused.diagnostics().size());
        assertTrue(refused.getMessage().startsWith(huge + ": error: the file is 5,242,880 bytes (5.0 MiB);"
                + " a rules file may be at most 4,194,304 bytes (4.0 MiB)"), refused.getMessage());
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() {
        String head = "<root><alias name=\"servers\">server_1</alias><!--";
        String tail = "--></root>";
        StringBuilder xml = new StringBuilder(SupvisorsRulesReader.MAX_BYTES).append(head);
        xml.append("x".repeat(SupvisorsRulesReader.MAX_BYTES - head.length() - tail.length())).append(tail);
        byte[] content = xml.toString().getBytes(StandardCharsets.US_ASCII);

        Sourced<RuleSet> read = reader.read(content, "padded.xml");

        assertEquals(SupvisorsRulesReader.MAX_BYTES, content.length);
        assertEquals("servers", read.value().spec().aliases().get(0).name());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void deepNestingStopsTheReadingEarly() {
        String xml = "<root>\n<application name=\"x\"><programs>" + "<a>".repeat(1_000_000) + "</programs></application></root>";

        InvalidInputException refused = refuse(xml);

        Diagnostic tooDeep = refused.diagnostics().get(refused.diagnostics().size() - 1);
        assertEquals(2, tooDeep.location().line());
        assertTrue(tooDeep.message().startsWith("elements are nested more than " + ElementTracker.MAX_DEPTH + " levels deep"),
                tooDeep.format());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFileFullOfErrorsReportsTheFirstHundred() {
        String xml = "<root>\n" + "<model name=\"m\"><start_sequence>x</start_sequence></model>\n".repeat(20_000) + "</root>";

        List<Diagnostic> diagnostics = refuse(xml).diagnostics();

        assertEquals(ValidationProblems.MAX_REPORTED + 1, diagnostics.size());
        assertEquals(2, diagnostics.get(0).location().line());
        assertEquals("more problems may follow; only the first 100 are listed",
                diagnostics.get(diagnostics.size() - 1).message());
    }

    @Test
    void aDoctypeMentionedInACommentIsNotTakenForOne() {
        InvalidInputException refused = refuse("<!-- no <!DOCTYPE here -->\nnot xml <root/>");

        assertTrue(refused.diagnostics().get(0).message().startsWith("malformed XML: "), refused.getMessage());
    }

    @Test
    void aMissingFileOrADirectoryIsADiagnostic() {
        Path missing = directory.resolve("missing.xml");

        InvalidInputException notFound = assertThrows(InvalidInputException.class, () -> reader.read(missing));
        InvalidInputException aDirectory = assertThrows(InvalidInputException.class, () -> reader.read(directory));

        assertEquals(missing + ": error: the file does not exist", notFound.diagnostics().get(0).location() + ": error: "
                + notFound.diagnostics().get(0).message());
        assertEquals("the file is a directory, not a rules file", aDirectory.diagnostics().get(0).message());
    }

    private InvalidInputException refuse(String xml) {
        byte[] content = xml.getBytes(StandardCharsets.UTF_8);
        return assertThrows(InvalidInputException.class, () -> reader.read(content, "hostile.xml"));
    }

    private static void assertDoctypeRefused(InvalidInputException refused, int line) {
        assertEquals(1, refused.diagnostics().size(), refused.getMessage());
        Diagnostic diagnostic = refused.diagnostics().get(0);
        assertEquals("DOCTYPE is not allowed in a rules file", diagnostic.message());
        assertEquals("hostile.xml", diagnostic.location().file());
        assertEquals(line, diagnostic.location().line());
        assertFalse(refused.getMessage().contains(SECRET), "the file behind the entity was read");
    }
}
