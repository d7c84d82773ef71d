package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.cli.Run;
import io.drover.cli.offline.breed.IniFile;
import io.drover.cli.offline.breed.Section;
import io.drover.cli.offline.breed.TemplateGlob;
import io.drover.cli.offline.breed.TemplateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreedCommandTest {

    @TempDir
    Path dir;

    private Path template() {
        return dir.resolve("template");
    }

    private Path destination() {
        return dir.resolve("out");
    }

    private void write(String relative, String text) throws IOException {
        Path file = template().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Run breed(String... more) {
        List<String> args = new ArrayList<>(List.of("breed", "-t", template().toString(), "-d", destination().toString()));
        args.addAll(Arrays.asList(more));
        return Run.drover(args.toArray(String[]::new));
    }

    private static List<String> filesUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return TemplateGlob.compile("**/*").find(root).stream().map(TemplateGlob::slashed).toList();
    }

    /** The sections of a file as supervisord reads them: name, then options and values. */
    private static Map<String, Map<String, String>> sections(Path file) {
        Diagnostics diagnostics = new Diagnostics();
        IniFile read = TemplateReader.read(file.getParent(), file.getFileName(), file.toString(), diagnostics).orElseThrow();
        assertFalse(diagnostics.hasErrors(), diagnostics.all().toString());
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (Section section : read.sections()) {
            sections.put(section.name(), section.options());
        }
        return sections;
    }

    private static final String GROUP = "[group:app]\nprograms=prg_a,prg_b\npriority=10\n";
    private static final String PROGRAMS = "[program:prg_a]\ncommand=a.sh\n\n[program:prg_b]\ncommand=b.sh\n";

    @Test
    void scenario2TemplatesBreedIntoTheFilesOfItsEtcFolder() throws IOException {
        Path template = Path.of(Run.cases("scenario_2/template_etc"));
        Path etc = Path.of(Run.cases("scenario_2/etc"));
        String out = destination().toString();

        // the two commands of Supvisors' scenario 2 start scripts
        Run server = Run.drover("breed", "-t", template.toString(), "-p", "server/*.ini", "-d", out, "-b", "scen2_srv=3", "-x");
        Run console = Run.drover("breed", "-t", template.toString(), "-p", "console/*ini", "-d", out, "-b", "scen2_hci=3", "-x");

        assertEquals(0, server.exitCode(), server.toString());
        assertEquals(0, console.exitCode(), console.toString());
        assertEquals("", server.err() + console.err());
        List<String> written = filesUnder(destination());
        assertEquals(List.of("console/group_scen2_hci_01.ini", "console/group_scen2_hci_02.ini", "console/group_scen2_hci_03.ini",
                "console/programs_console.ini", "server/group_scen2_srv_01.ini", "server/group_scen2_srv_02.ini",
                "server/group_scen2_srv_03.ini", "server/programs_server.ini"), written);
        for (String relative : written) {
            assertEquals(sections(etc.resolve(relative)), sections(destination().resolve(relative)), relative);
            // Supvisors wrote its etc files with ConfigParser too: the text itself is the same
            assertEquals(Files.readString(etc.resolve(relative)), Files.readString(destination().resolve(relative)), relative);
        }
    }

    @Test
    void scenario3ConsolesGetOneGroupFileEach() throws IOException {
        Path template = Path.of(Run.cases("scenario_3/template_etc"));
        Path etc = Path.of(Run.cases("scenario_3/etc"));

        Run run = Run.drover("breed", "-t", template.toString(), "-d", destination().toString(), "-b", "scen3_hci=5", "-x");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(sections(etc.resolve("console/programs_console.ini")),
                sections(destination().resolve("console/programs_console.ini")));
        for (int console = 1; console <= 5; console++) {
            // Supvisors' configure script then moves each group file into the folder of its console
            String name = "group_scen3_hci_0" + console + ".ini";
            assertEquals(Files.readString(etc.resolve("console/console_" + console + "/" + name)),
                    Files.readString(destination().resolve("console/" + name)));
        }
        assertEquals(6, filesUnder(destination()).size(), filesUnder(destination()).toString());
    }

    @Test
    void withoutExtraTheCopiesTakeThePlaceOfTheTemplateInItsFile() throws IOException {
        write("app.ini", "[program:first]\ncommand=x\n\n" + GROUP + "\n[group:other]\nprograms=first\n");

        Run run = breed("-b", "app=2");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                [program:first]
                command = x

                [group:app_01]
                programs = prg_a,prg_b
                priority = 10

                [group:app_02]
                programs = prg_a,prg_b
                priority = 10

                [group:other]
                programs = first

                """, Files.readString(destination().resolve("app.ini")));
        assertEquals(List.of("app.ini"), filesUnder(destination()));
        assertTrue(run.out().contains("bred 1 group(s) into 2; wrote 1 file(s)"), run.toString());
    }

    @Test
    void withExtraEachCopyHasItsFileAndAnEmptiedTemplateIsNotWritten() throws IOException {
        write("apps/group_app.ini", GROUP);
        write("apps/programs.ini", PROGRAMS);

        Run run = breed("-b", "app=12", "-x", "-v");

        assertEquals(0, run.exitCode(), run.toString());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            expected.add(String.format("apps/group_app_%02d.ini", i));
        }
        expected.add("apps/programs.ini");
        assertEquals(expected, filesUnder(destination()));
        assertEquals("[group:app_12]\nprograms = prg_a,prg_b\npriority = 10\n\n",
                Files.readString(destination().resolve("apps/group_app_12.ini")));
        // program sections are shared by the copies, not duplicated
        assertEquals(List.of("program:prg_a", "program:prg_b"),
                List.copyOf(sections(destination().resolve("apps/programs.ini")).keySet()));
        assertTrue(run.out().contains("not written, no section left: " + template().resolve("apps/group_app.ini")),
                run.toString());
    }

    @Test
    void severalGroupsBreedAtOnceAndOthersAreCopiedUnchanged() throws IOException {
        write("a.ini", "[group:a]\nprograms=p\n");
        write("b.ini", "[group:b]\nprograms=p\n");
        write("c.ini", "[group:c]\nprograms=p\n");

        Run run = breed("-b", "a=1", "b=2", "-x");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("c.ini", "group_a_01.ini", "group_b_01.ini", "group_b_02.ini"), filesUnder(destination()));
        assertEquals("[group:c]\nprograms = p\n\n", Files.readString(destination().resolve("c.ini")));
    }

    @Test
    void anUnknownGroupIsRefusedWithTheGroupsThatExistAndNothingIsWritten() throws IOException {
        write("server/group_server.ini", "[group:scen2_srv]\nprograms=p\n");
        write("console/group_console.ini", "[group:scen2_hci]\nprograms=p\n");

        Run run = breed("-b", "scen2_srv=2", "scen2_hmi=3");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--breed scen2_hmi=3: error: no [group:scen2_hmi] section in the 2 file(s) read"), run.toString());
        assertTrue(run.err().contains("scen2_hci (" + template().resolve("console/group_console.ini") + ":1)"), run.toString());
        assertTrue(run.err().contains("scen2_srv ("), run.toString());
        assertFalse(Files.exists(destination()), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app=0", "app=-1", "app=x", "app", "=3", "app=1000", "group:app=2", "app=99999999999"})
    void aBadCountIsACommandLineMistake(String count) throws IOException {
        write("app.ini", GROUP);

        Run run = breed("-b", count);

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--breed '" + count + "'"), run.toString());
        assertFalse(Files.exists(destination()));
    }

    @Test
    void aGroupGivenTwiceIsACommandLineMistake() throws IOException {
        write("app.ini", GROUP);

        Run run = breed("-b", "app=2", "-b", "app=3");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--breed names app twice (app=2 and app=3)"), run.toString());
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndNothingIsWritten() throws IOException {
        write("a_good.ini", GROUP);
        write("b_bad.ini", "[program:x]\ncommand=x\nthis line has no equals sign\n");

        Run run = breed("-b", "app=2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains(template().resolve("b_bad.ini") + ":3: error: "), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
        assertFalse(Files.exists(destination()));
    }

    @Test
    void aTemplateFolderThatDoesNotExistIsACommandLineMistake() {
        Run run = breed("-b", "app=2");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not a folder (it does not exist)"), run.toString());
    }

    @Test
    void aDestinationInsideTheTemplateIsRefused() throws IOException {
        write("app.ini", GROUP);

        Run run = Run.drover("breed", "-t", template().toString(), "-d", template().resolve("out").toString(), "-b", "app=2");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("lies inside --template"), run.toString());
        assertFalse(Files.exists(template().resolve("out")));
    }

    @Test
    void theTemplateFolderItselfIsRefusedAsDestination() throws IOException {
        write("app.ini", GROUP);

        Run run = Run.drover("breed", "-t", template().toString(), "-d", template().toString() + "/.", "-b", "app=2");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(GROUP, Files.readString(template().resolve("app.ini")));
    }

    @Test
    void noMatchingFileIsNotAnError() throws IOException {
        write("app.conf", GROUP);

        Run run = breed("-b", "app=2");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("No configuration files found", run.out().strip());
        assertFalse(Files.exists(destination()));
    }

    @Test
    void aCopyNameAlreadyTakenIsRefused() throws IOException {
        write("app.ini", GROUP + "\n[group:app_02]\nprograms=prg_a\n");

        Run run = breed("-b", "app=3");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("app.ini:5: error: [group:app_02] already exists, and breeding app=3 makes a section"
                + " of that name"), run.toString());
        assertFalse(Files.exists(destination()));
    }

    @Test
    void aTemplateGroupDefinedInTwoFilesIsRefused() throws IOException {
        write("one/app.ini", GROUP);
        write("two/app.ini", GROUP);

        Run run = breed("-b", "app=2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("[group:app] is defined in several files"), run.toString());
    }

    @Test
    void aTemplateGroupWithoutProgramsIsRefused() throws IOException {
        write("app.ini", "[group:app]\npriority=3\n");

        Run run = breed("-b", "app=2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("app.ini:1: error: [group:app] has no 'programs' option"), run.toString());
    }

    @Test
    void existingFilesAreOverwrittenAndLeftoversOfAnEarlierRunAreReported() throws IOException {
        write("group_app.ini", GROUP);
        assertEquals(0, breed("-b", "app=3", "-x").exitCode());
        Files.writeString(destination().resolve("notes.txt"), "kept");

        Run run = breed("-b", "app=2", "-x");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("group_app_01.ini", "group_app_02.ini", "group_app_03.ini", "notes.txt"), filesUnder(destination()));
        assertTrue(run.err().contains(destination().resolve("group_app_03.ini") + ": warning: was not written by this breed"),
                run.toString());
        assertFalse(run.err().contains("notes.txt"), run.toString());
    }

    @Test
    void aFolderInTheWayIsFoundBeforeAnythingIsWritten() throws IOException {
        write("a.ini", GROUP);
        write("b.ini", PROGRAMS);
        Files.createDirectories(destination().resolve("b.ini"));

        Run run = breed("-b", "app=2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains(destination().resolve("b.ini") + ": error: is a folder"), run.toString());
        assertFalse(Files.exists(destination().resolve("a.ini")), "nothing written");
    }

    @Test
    void anOutputThatWouldReplaceATemplateFileIsRefused() throws IOException {
        // the template lies in the destination: template/template/app.ini would be written over template/app.ini
        write("app.ini", GROUP);
        write("template/app.ini", "[group:other]\nprograms=x\n");

        Run run = Run.drover("breed", "-t", template().toString(), "-d", dir.toString(), "-b", "app=2");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is a template file read by this breed"), run.toString());
        assertEquals(GROUP, Files.readString(template().resolve("app.ini")));
    }

    @Test
    void valuesAndDefaultsAreWrittenAsConfigParserWritesThem() throws IOException {
        write("app.ini", """
                [DEFAULT]
                Autostart=false

                [program:prg_a]
                ; a comment, not kept
                command=a.sh --flag
                environment=A="1",
                    B="2"
                [group:app]
                programs=prg_a
                """);

        Run run = breed("-b", "app=1");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                [DEFAULT]
                autostart = false

                [program:prg_a]
                command = a.sh --flag
                environment = A="1",
                \tB="2"

                [group:app_01]
                programs = prg_a

                """, Files.readString(destination().resolve("app.ini")));
    }

    @Test
    void aSectionWrittenTwiceIsMergedAsSupervisordDoesWithAWarning() throws IOException {
        write("app.ini", "[program:x]\ncommand=a\n\n[group:app]\nprograms=x\n\n[program:x]\nautostart=false\n");

        Run run = breed("-b", "app=1");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("app.ini:7: warning: [program:x] is opened again (first at line 1)"), run.toString());
        assertEquals("[program:x]\ncommand = a\nautostart = false\n\n[group:app_01]\nprograms = x\n\n",
                Files.readString(destination().resolve("app.ini")));
    }

    @Test
    void helpSaysOverwritingAndTheDeclarativeEquivalent() {
        Run run = Run.drover("breed", "--help");

        assertEquals(0, run.exitCode(), run.toString());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("overwritten"), help);
        assertTrue(help.contains("ApplicationSet"), help);
    }
}
