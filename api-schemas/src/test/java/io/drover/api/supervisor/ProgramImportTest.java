package io.drover.api.supervisor;

import static io.drover.api.supervisor.Fixtures.application;
import static io.drover.api.supervisor.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.ByteSize;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StopSignal;
import io.drover.api.supervisor.program.SupervisorDefaults;
import io.drover.api.source.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How one [program:x] section becomes a program: defaults, conversions, expansion, groups and source lines. */
class ProgramImportTest {

    @TempDir
    Path dir;

    private final SupervisorImporter importer = new SupervisorImporter(() -> "this-host");

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private ImportResult importText(String text) throws IOException {
        return importer.importFiles(List.of(write("test.ini", text)), Map.of());
    }

    @Test
    void anUnwrittenOptionStaysAbsentAndMeansSupervisorsDefault() throws IOException {
        ProgramSpec written = program(importText("[program:web]\ncommand = /bin/web\n"), "web", "web");

        assertEquals(ProgramSpec.of("web", "/bin/web"), written, "only what the file says");
        ProgramSpec program = SupervisorDefaults.effective(written);
        assertEquals("/bin/web", program.command());
        assertEquals(Boolean.TRUE, program.autostart());
        assertEquals(AutoRestart.UNEXPECTED, program.autoRestart());
        assertEquals(1, program.startSecs());
        assertEquals(3, program.startRetries());
        assertEquals(List.of(0), program.exitCodes());
        assertEquals(StopSignal.TERM, program.stopSignal());
        assertEquals(10, program.stopWaitSecs());
        assertEquals(Boolean.FALSE, program.stopAsGroup());
        assertEquals(Boolean.FALSE, program.killAsGroup());
        assertEquals(Boolean.FALSE, program.redirectStderr());
        assertEquals(LogSpec.defaults(), program.stdout());
        assertEquals(LogSpec.defaults(), program.stderr());
        assertEquals(999, program.priority());
        assertEquals(1, program.numprocs());
        assertEquals(0, program.numprocsStart());
        assertEquals("%(program_name)s", program.processName());
        assertNull(program.nodes());
        assertNull(program.startSequence(), "Supvisors rules are not Supervisor's to set");
    }

    @Test
    void killasgroupFollowsStopasgroupUnlessWritten() throws IOException {
        ProgramSpec program = program(importText("[program:web]\ncommand = x\nstopasgroup = yes\n"), "web", "web");

        assertEquals(Boolean.TRUE, program.stopAsGroup());
        assertNull(program.killAsGroup());
        assertEquals(Boolean.TRUE, SupervisorDefaults.effective(program).killAsGroup());
    }

    @Test
    void aWrittenDefaultAndAnAbsentOptionAreTheSameDefinitionOnTwoNodes() throws IOException {
        Path a = write("a.conf", "[program:web]\ncommand = web\nautostart = true\nkillasgroup = true\nstopasgroup = true\n");
        Path b = write("b.conf", "[program:web]\ncommand = web\nstopasgroup = true\n");

        ImportResult result = importer.importNodes(List.of(NodeConfig.of("a", a), NodeConfig.of("b", b)), Map.of());

        assertEquals(List.of("a", "b"), program(result, "web", "web").nodes());
    }

    @Test
    void everyWrittenOptionIsConverted() throws IOException {
        ProgramSpec program = program(importText("""
                [program:worker]
                command = /bin/worker --id %(process_num)02d --of %(numprocs)d
                process_name = %(program_name)s_%(process_num)02d
                numprocs = 2
                numprocs_start = 1
                priority = 5
                autostart = off
                autorestart = true
                startsecs = 0
                startretries = 7
                exitcodes = 0,2
                stopsignal = SIGINT
                stopwaitsecs = 30
                killasgroup = on
                redirect_stderr = false
                directory = %(here)s/run
                user = %(ENV_USER)s
                umask = 002
                environment = A="x,y",B=%(program_name)s,HOST=%(host_node_name)s
                stdout_logfile = NONE
                stderr_logfile = log/%(program_name)s-%(process_num)d.err
                stderr_logfile_maxbytes = 1MB
                stderr_logfile_backups = 0
                stderr_syslog = true
                """), "worker", "worker");

        assertEquals("/bin/worker --id %(process_num)02d --of 2", program.command());
        assertEquals("%(program_name)s_%(process_num)02d", program.processName());
        assertEquals(2, program.numprocs());
        assertEquals(1, program.numprocsStart());
        assertEquals(5, program.priority());
        assertEquals(Boolean.FALSE, program.autostart());
        assertEquals(AutoRestart.TRUE, program.autoRestart());
        assertEquals(0, program.startSecs());
        assertEquals(7, program.startRetries());
        assertEquals(List.of(0, 2), program.exitCodes());
        assertEquals(StopSignal.INT, program.stopSignal());
        assertEquals(30, program.stopWaitSecs());
        assertEquals(Boolean.TRUE, program.killAsGroup());
        assertEquals(dir.toAbsolutePath() + "/run", program.directory());
        assertEquals("%(ENV_USER)s", program.user());
        assertEquals("002", program.umask());
        assertEquals(Map.of("A", "x,y", "B", "worker", "HOST", "%(host_node_name)s"), program.environment());
        assertEquals(LogSpec.NONE, program.stdout().logfile());
        assertEquals(new LogSpec("log/worker-%(process_num)d.err", new ByteSize(1024 * 1024), 0, true), program.stderr());
    }

    @Test
    void hereIsTheDirectoryOfTheFileThatWroteTheValue() throws IOException {
        write("conf.d/web.ini", "[program:web]\ncommand = %(here)s/web\ndirectory = %(here)s\n");
        Path main = write("supervisord.conf", "[include]\nfiles = conf.d/*.ini\n[program:web]\ndirectory = %(here)s/main\n");

        ProgramSpec web = program(importer.importFiles(List.of(main), Map.of()), "web", "web");

        assertEquals(dir.resolve("conf.d").toAbsolutePath() + "/web", web.command());
        assertEquals(dir.resolve("conf.d").toAbsolutePath().toString(), web.directory(), "the later file wins");
    }

    @Test
    void typedOptionsAreExpandedAtImportWithTheNodesEnvironmentAndHostName() throws IOException {
        Path conf = write("node.conf", "[program:web]\ncommand = web\nstartsecs = %(ENV_START)s\nautostart = %(ENV_AUTO)s\n"
                + "priority = %(host_node_name)s\n");
        ImportResult result = importer.importNodes(List.of(new NodeConfig("n1", conf, "7", Map.of("AUTO", "no"))),
                Map.of("START", "12"));

        ProgramSpec web = program(result, "web", "web");
        assertEquals(12, web.startSecs());
        assertEquals(Boolean.FALSE, web.autostart());
        assertEquals(7, web.priority());
    }

    @Test
    void percentPercentStaysEscapedForTheNodeAgent() throws IOException {
        ProgramSpec program = program(importText("[program:load]\ncommand = load --cpu 100%%\n"), "load", "load");

        assertEquals("load --cpu 100%%", program.command());
    }

    @Test
    void aProgramInAGroupIsExpandedWithTheGroupsNameAndHasNoApplicationOfItsOwn() throws IOException {
        ImportResult result = importText("""
                [group:front]
                programs = web , cache

                [group:back]
                programs = web

                [program:web]
                command = web
                stdout_logfile = log/%(group_name)s-%(program_name)s.log

                [program:cache]
                command = cache

                [program:alone]
                command = alone --group %(group_name)s
                """);

        assertEquals(List.of("alone", "back", "front"), result.applicationNames());
        assertEquals("log/front-web.log", program(result, "front", "web").stdout().logfile());
        assertEquals("log/back-web.log", program(result, "back", "web").stdout().logfile());
        assertEquals(List.of("web", "cache"), application(result, "front").spec().programs().stream().map(ProgramSpec::name).toList());
        assertEquals("alone --group alone", program(result, "alone", "alone").command());
    }

    @Test
    void theSourceMapPointsAtTheIniLines() throws IOException {
        ImportResult result = importText("""
                [program:other]
                command = other

                [group:app]
                programs = other,web

                [program:web]
                command = web
                startsecs = 5
                stdout_logfile = web.log
                stdout_logfile_maxbytes = 1KB
                stderr_syslog = true
                """);

        SourceMap map = result.application("app").orElseThrow().sourceMap();
        assertEquals(4, map.locate("/metadata/name").line());
        assertEquals(1, map.locate("/spec/programs/0").line());
        assertEquals(2, map.locate("/spec/programs/0/command").line());
        assertEquals(7, map.locate("/spec/programs/1").line());
        assertEquals(8, map.locate("/spec/programs/1/command").line());
        assertEquals(9, map.locate("/spec/programs/1/startSecs").line());
        assertEquals(10, map.locate("/spec/programs/1/stdout/logfile").line());
        assertEquals(11, map.locate("/spec/programs/1/stdout/maxBytes").line());
        assertEquals(12, map.locate("/spec/programs/1/stderr/syslog").line());
        assertEquals(7, map.locate("/spec/programs/1/autostart").line(), "an unwritten field is at its program's header");
        assertTrue(map.locate("/spec/programs/1/startSecs").file().endsWith("test.ini"));
    }

    @Test
    void aStandaloneProgramsApplicationStartsAtItsHeader() throws IOException {
        ImportResult result = importText("\n[program:web]\ncommand = web\n");

        assertEquals(2, result.application("web").orElseThrow().sourceMap().locate("/metadata/name").line());
    }

    @Test
    void optionsDroverDoesNotUseAreWarnings() throws IOException {
        ImportResult result = importText("""
                [program:web]
                command = web
                serverurl = http://localhost:9001
                stdout_capture_maxbytes = 1MB
                stderr_events_enabled = true
                stdout_events_enabled = false
                colour = blue
                """);

        List<String> warnings = result.warnings().stream().map(Diagnostic::message).toList();
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("serverurl")));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("stdout_capture_maxbytes")));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("stderr_events_enabled")));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("unknown option 'colour'")));
        assertTrue(result.warnings().stream().allMatch(w -> w.location().line() > 0 && w.hint() != null));
    }

    @Test
    void redirectedStderrIgnoresAStderrLogfileWithAWarning() throws IOException {
        ImportResult result = importText("[program:web]\ncommand = web\nredirect_stderr = true\nstderr_logfile = err.log\n");

        assertNull(program(result, "web", "web").stderr());
        assertEquals(LogSpec.NONE, SupervisorDefaults.effective(program(result, "web", "web")).stderr().logfile());
        assertEquals(4, result.warnings().get(0).location().line());
    }

    @Test
    void eventListenersAndUnknownSectionsAreWarnedAbout() throws IOException {
        ImportResult result = importText("""
                [eventlistener:mem]
                command = memmon
                events = TICK_60

                [programm:typo]
                command = x

                [supervisord]
                logfile = log/supervisord.log

                [rpcinterface:supvisors]
                supervisor.rpcinterface_factory = supvisors.plugin:make_supvisors_rpcinterface
                """);

        assertEquals(List.of(), result.applicationNames());
        assertEquals(List.of(1, 5), result.warnings().stream().map(d -> d.location().line()).toList());
    }

    @Test
    void theSupervisordEnvironmentIsAddedToEveryProgramUnderItsOwnVariables() throws IOException {
        ImportResult result = importText("""
                [supervisord]
                environment = A="4",B="global",HOME_DIR=%(here)s
                [program:web]
                command = web
                environment = B="mine"
                startsecs = %(ENV_A)s
                [program:plain]
                command = plain
                """);

        assertEquals(Map.of("A", "4", "B", "mine", "HOME_DIR", dir.toAbsolutePath().toString()),
                program(result, "web", "web").environment());
        assertEquals(4, program(result, "web", "web").startSecs(), "its variables are ENV_ names for the options");
        assertEquals(5, result.application("web").orElseThrow().sourceMap().locate("/spec/programs/0/environment").line());
        assertEquals(Map.of("A", "4", "B", "global", "HOME_DIR", dir.toAbsolutePath().toString()),
                program(result, "plain", "plain").environment());
        assertEquals(2, result.application("plain").orElseThrow().sourceMap().locate("/spec/programs/0/environment").line());
    }

    @Test
    void anIncludePatternMatchingNothingIsOnlyAWarning() throws IOException {
        Path main = write("supervisord.conf", "[include]\nfiles = missing/*.ini\n[program:web]\ncommand = web\n");

        ImportResult result = importer.importFiles(List.of(main), Map.of());

        assertEquals(List.of("web"), result.applicationNames());
        assertEquals(2, result.warnings().get(0).location().line());
    }

    @Test
    void includesAreReadInSortedOrderAndTheLaterFileWins() throws IOException {
        write("conf.d/b.ini", "[program:web]\ncommand = from-b\n");
        write("conf.d/a.ini", "[program:web]\ncommand = from-a\nstartsecs = 4\n");
        Path main = write("supervisord.conf", "[include]\nfiles = conf.d/*.ini\n");

        ProgramSpec web = program(importer.importFiles(List.of(main), Map.of()), "web", "web");

        assertEquals("from-b", web.command());
        assertEquals(4, web.startSecs());
    }

    @Test
    void theDefaultSectionSetsOptionsOfEveryProgram() throws IOException {
        ImportResult result = importText("[DEFAULT]\nautostart = false\n[program:a]\ncommand = a\n[program:b]\ncommand = b\n"
                + "autostart = true\n");

        assertEquals(Boolean.FALSE, program(result, "a", "a").autostart());
        assertEquals(Boolean.TRUE, program(result, "b", "b").autostart());
    }
}
