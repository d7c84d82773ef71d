package io.drover.api.supervisor;

import static io.drover.api.supervisor.Fixtures.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every file of the bad-input corpus is refused with a located, explained diagnostic and nothing else. */
class BadInputTest {

    private final SupervisorImporter importer = new SupervisorImporter(() -> "this-host");

    private List<Diagnostic> errorsOf(Path file) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> importer.importFiles(List.of(file), Map.of()));
        List<Diagnostic> errors = refused.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertFalse(errors.isEmpty());
        for (Diagnostic error : errors) {
            assertTrue(error.hint() != null && !error.hint().isBlank(), "no hint: " + error);
            assertFalse(error.format().contains("Exception") || error.format().contains("\tat "), "not for users: " + error);
        }
        return errors;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed-line.ini                  | 3 | is neither a [section] header nor a 'name = value' option
            option-before-section.ini           | 1 | comes before any [section] header
            unknown-program-in-group.ini        | 2 | [group:app] names unknown program unknown
            bad-boolean.ini                     | 3 | autostart: 'maybe' is not a boolean
            bad-exitcodes.ini                   | 3 | exitcodes: '0,256' is not a list of exit codes
            bad-stopsignal.ini                  | 3 | stopsignal: 'TERMINATE' is not a signal
            numprocs-without-process-num.ini    | 3 | %(process_num) must be present within process_name when numprocs > 1
            stopasgroup-without-killasgroup.ini | 4 | stopasgroup is true but killasgroup is false
            unknown-name.ini                    | 3 | unknown name %(prgram_name)
            lone-percent.ini                    | 2 | is not followed by a '(name)s' placeholder
            missing-command.ini                 | 1 | [program:nothing_to_run] does not specify a command
            bad-environment.ini                 | 3 | environment: a quote (") is not closed
            """)
    void eachBadFileIsRefusedAtItsLine(String file, int line, String fragment) {
        List<Diagnostic> errors = errorsOf(bad(file));

        assertEquals(1, errors.size(), errors.toString());
        Diagnostic error = errors.get(0);
        assertTrue(error.format().startsWith(error.location().file() + ":" + line + ": error: "), error.format());
        assertTrue(error.location().file().endsWith(file), error.location().toString());
        assertEquals(line, error.location().line(), error.toString());
        assertTrue(error.message().contains(fragment), error.message());
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnce() {
        List<Diagnostic> errors = errorsOf(bad("several-errors.ini"));

        assertEquals(List.of(3, 6, 5), errors.stream().map(d -> d.location().line()).toList(), errors.toString());
    }

    @Test
    void aBinaryFileIsRefusedBeforeParsing() {
        List<Diagnostic> errors = errorsOf(bad("binary.ini"));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("not a text file"), errors.get(0).message());
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.ini");
        String section = "[program:p]\ncommand = /bin/true\n";
        Files.writeString(huge, section.repeat(4 * 1024 * 1024 / section.length() + 1));

        List<Diagnostic> errors = errorsOf(huge);

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("at most 4194304 bytes"), errors.get(0).message());
    }

    @Test
    void anOversizedIncludedFileIsRefusedToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("big.ini"), ";".repeat(4 * 1024 * 1024 + 1));
        Path main = dir.resolve("supervisord.conf");
        Files.writeString(main, "[include]\nfiles = *.ini\n");

        List<Diagnostic> errors = errorsOf(main);

        assertTrue(errors.get(0).location().file().endsWith("big.ini"), errors.toString());
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        List<Diagnostic> errors = errorsOf(bad("no-such-file.conf"));

        assertTrue(errors.get(0).message().contains("no such file"));
    }

    @Test
    void anIncludeLoopIsNotFollowedAsSupervisordDoesNotFollowIt() {
        ImportResult result = importer.importFiles(List.of(bad("include-loop/a.conf")), Map.of());

        assertEquals(List.of("from_a", "from_b"), result.applicationNames());
        Diagnostic warning = result.warnings().get(0);
        assertTrue(warning.location().file().endsWith("b.ini"), warning.toString());
        assertEquals(1, warning.location().line());
        assertTrue(warning.message().contains("does not follow an [include] section in an included file"), warning.message());
    }

    @Test
    void aConfigurationIncludingItselfIsReadOnceMore() {
        ImportResult result = importer.importFiles(List.of(bad("self-include/self.conf")), Map.of());

        assertEquals(List.of("itself"), result.applicationNames());
        assertEquals(1, result.warnings().size());
        assertEquals(2, result.warnings().get(0).location().line());
        assertTrue(result.warnings().get(0).message().contains("itself"));
    }

    @Test
    void aStopSignalDroverCannotSendIsToldApartFromATypo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("winch.ini");
        Files.writeString(file, "[program:p]\ncommand = p\nstopsignal = WINCH\n");

        Diagnostic error = errorsOf(file).get(0);

        assertTrue(error.message().contains("valid for Supervisor, but drover stops programs only with TERM"), error.message());
    }

    @Test
    void anInvalidProgramNameIsRefusedAtItsHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("names.ini");
        Files.writeString(file, "[program:has space]\ncommand = p\n[program:ok]\ncommand = q\nprocess_name = a/b\n");

        List<Diagnostic> errors = errorsOf(file);

        assertEquals(List.of(1, 5), errors.stream().map(d -> d.location().line()).toList(), errors.toString());
    }

    @Test
    void aProcessNameUsingTheHostNameIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("host.ini");
        Files.writeString(file, "[program:p]\ncommand = p\nprocess_name = %(program_name)s_%(host_node_name)s\n");

        Diagnostic error = errorsOf(file).get(0);

        assertEquals(3, error.location().line());
        assertTrue(error.message().contains("%(host_node_name)"), error.message());
    }

    @Test
    void rangeChecksOfDroverManifestsApplyAtTheIniLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("range.ini");
        Files.writeString(file, "[program:p]\ncommand = p\nstartsecs = -1\n");

        Diagnostic error = errorsOf(file).get(0);

        assertEquals(3, error.location().line());
        assertTrue(error.message().contains("startSecs"), error.message());
    }

    @Test
    void anIncludeWithoutFilesIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("include.conf");
        Files.writeString(file, "[include]\nfile = *.ini\n");

        Diagnostic error = errorsOf(file).get(0);

        assertEquals(1, error.location().line());
        assertTrue(error.message().contains("no 'files' option"), error.message());
    }
}
