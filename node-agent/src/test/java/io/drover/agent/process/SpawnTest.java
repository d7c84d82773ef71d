package io.drover.agent.process;

import static io.drover.agent.process.Harness.program;
import static io.drover.api.state.ProcessState.BACKOFF;
import static io.drover.api.state.ProcessState.EXITED;
import static io.drover.api.state.ProcessState.FATAL;
import static io.drover.api.state.ProcessState.RUNNING;
import static io.drover.api.state.ProcessState.STARTING;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.agent.os.Users;
import io.drover.api.model.ByteSize;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a process starts with: command, directory, environment, umask, user, log files; and why it cannot start. */
class SpawnTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
        assertEquals(List.of(), h.events.problems);
    }

    @Test
    void missingCommandIsFatalWithSupervisorsReason() {
        ProcessKey key = h.start(ProgramSpec.builder("ghost").command(dir + "/nowhere --flag").startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals(List.of(STARTING, BACKOFF, FATAL), h.events.states(key));
        assertEquals("can't find command '" + dir + "/nowhere'", h.events.last(key).orElseThrow().spawnError());
        assertNull(h.events.last(key).orElseThrow().pid());
    }

    @Test
    void commandNotOnPathIsRetriedThenFatal() {
        ProcessKey key = h.start(ProgramSpec.builder("ghost").command("no-such-program-anywhere").startRetries(1));

        h.awaitState(key, FATAL);
        assertEquals(List.of(STARTING, BACKOFF, STARTING, BACKOFF, FATAL), h.events.states(key));
        assertEquals("can't find command 'no-such-program-anywhere'", h.events.last(key).orElseThrow().spawnError());
    }

    @Test
    void notExecutableIsFatal() throws IOException {
        Path file = dir.resolve("plain.sh");
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ProcessKey key = h.start(ProgramSpec.builder("plain").command(file.toString()).startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals("command at '" + file + "' is not executable", h.events.last(key).orElseThrow().spawnError());
    }

    @Test
    void directoryAsCommandIsFatal() {
        ProcessKey key = h.start(ProgramSpec.builder("dir").command(dir.toString()).startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals("command at '" + dir + "' is a directory", h.events.last(key).orElseThrow().spawnError());
    }

    @Test
    void missingDirectoryIsFatal() {
        ProcessKey key = h.start(program("web", h.script("web.sh", "exec sleep 30")).directory(dir + "/gone").startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals("couldn't chdir to '" + dir + "/gone': No such file or directory",
                h.events.last(key).orElseThrow().spawnError());
    }

    @Test
    void unbalancedQuoteIsFatal() {
        ProcessKey key = h.start(ProgramSpec.builder("bad").command("/bin/echo 'oops").startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals("can't parse command '/bin/echo 'oops': No closing quotation",
                h.events.last(key).orElseThrow().spawnError());
    }

    @Test
    void commandIsSplitLikeShlexWithoutAShell() throws IOException {
        Path out = dir.resolve("args");
        Path script = h.script("args.sh", "for a in \"$@\"; do echo \"[$a]\"; done > " + out);
        ProcessKey key = h.start(ProgramSpec.builder("args").startSecs(0)
                .command(script + " 'two words' \"double \\\"quoted\\\"\" $HOME a\\ b ''"));

        h.awaitState(key, EXITED);
        assertEquals("[two words]\n[double \"quoted\"]\n[$HOME]\n[a b]\n[]", h.awaitFile(out));
    }

    @Test
    void environmentDirectoryAndUmask() throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path out = dir.resolve("env");
        Path script = h.script("env.sh", "{ echo \"cwd=$(pwd)\"; echo \"umask=$(umask)\"; env | sort; } > " + out
                + "\ntouch created");
        Map<String, String> environment = new HashMap<>();
        environment.put("GREETING", "hello world");
        environment.put("SUPERVISOR_GROUP_NAME", "overridden");
        ProcessKey key = h.start(program("envy", script).directory(work.toString()).environment(environment).umask("027"));

        h.awaitState(key, EXITED);
        List<String> lines = h.awaitFile(out).lines().toList();
        assertTrue(lines.contains("cwd=" + work), lines.toString());
        assertTrue(lines.contains("umask=0027"), lines.toString());
        assertTrue(lines.contains("GREETING=hello world"));
        assertTrue(lines.contains("SUPERVISOR_ENABLED=1"));
        assertTrue(lines.contains("SUPERVISOR_PROCESS_NAME=envy"));
        assertTrue(lines.contains("SUPERVISOR_GROUP_NAME=overridden"), "the program's environment wins, as in Supervisor");
        assertTrue(lines.contains("DROVER_NODE_ID=node-1"));
        assertTrue(lines.contains("DROVER_APPLICATION=app"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PATH=")), "the agent's environment is inherited");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("created"))));
    }

    @Test
    void placeholdersAreExpandedPerProcess() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectory(out);
        Path script = h.script("echo.sh", "echo \"$@ $WHO\" > " + out + "/$1");
        h.supervisor.shutdown(ShutdownMode.STOP_ALL, java.time.Duration.ofSeconds(5));
        Map<String, String> agentEnvironment = new HashMap<>(System.getenv());
        agentEnvironment.put("STAGE", "prod");
        h.supervisor = new LocalSupervisor(h.settings().withAgentEnvironment(agentEnvironment).withHostNodeName("host-7"), h.events);

        ProgramSpec program = ProgramSpec.builder("worker").startSecs(0).numprocs(2).numprocsStart(1)
                .processName("%(program_name)s_%(process_num)02d")
                .command(script + " %(process_num)d %(host_node_name)s %(ENV_STAGE)s %(group_name)s 100%%")
                .environment(Map.of("WHO", "%(program_name)s@%(here)s"))
                .stdout(new LogSpec("%(group_name)s/%(program_name)s-%(process_num)d.out", null, null, null))
                .build();
        for (ProcessDefinition definition : ProcessDefinition.of("app", program, "h")) {
            h.supervisor.start(definition);
        }
        ProcessKey second = new ProcessKey("app", "worker_02");
        h.awaitState(second, EXITED);

        assertEquals("2 host-7 prod app 100% worker@" + dir, h.awaitFile(out.resolve("2")));
        assertEquals("1 host-7 prod app 100% worker@" + dir, h.awaitFile(out.resolve("1")));
        assertTrue(Files.exists(h.logs.resolve("app/worker-2.out")));
    }

    @Test
    void unknownPlaceholderIsFatalWithAHint() {
        ProcessKey key = h.start(ProgramSpec.builder("env").command("/bin/echo %(ENV_SURELY_NOT_SET_ANYWHERE)s").startRetries(0));

        h.awaitState(key, FATAL);
        String error = h.events.last(key).orElseThrow().spawnError();
        assertTrue(error.startsWith("command: %(ENV_SURELY_NOT_SET_ANYWHERE)s needs the environment variable"), error);
    }

    @Test
    void outputGoesToAutoLogFilesAppended() throws Exception {
        Path script = h.script("talk.sh", "echo out-$1; echo err-$1 >&2");
        ProcessKey key = h.start(ProgramSpec.builder("talk").startSecs(0).command(script + " one"));
        h.awaitState(key, EXITED);
        h.start(ProgramSpec.builder("talk").startSecs(0).command(script + " two"));
        await().atMost(Harness.TIMEOUT).until(() -> h.events.count(key, EXITED) == 2);

        assertEquals("out-one\nout-two", h.awaitFile(h.logs.resolve("app/talk-stdout.log")));
        assertEquals("err-one\nerr-two", h.awaitFile(h.logs.resolve("app/talk-stderr.log")));
    }

    @Test
    void redirectStderrAndNone() throws Exception {
        Path script = h.script("talk.sh", "echo out; echo err >&2");
        Path own = dir.resolve("own/talk.log");
        ProcessKey redirected = h.start(ProgramSpec.builder("both").startSecs(0).command(script.toString())
                .redirectStderr(true).stdout(new LogSpec(own.toString(), null, null, null)));
        ProcessKey silent = h.start(ProgramSpec.builder("silent").startSecs(0).command(script.toString())
                .stdout(new LogSpec(LogSpec.NONE, null, null, null)));
        h.awaitState(redirected, EXITED);
        h.awaitState(silent, EXITED);

        assertEquals("out\nerr", h.awaitFile(own));
        assertFalse(Files.exists(h.logs.resolve("app/both-stderr.log")));
        assertFalse(Files.exists(h.logs.resolve("app/silent-stdout.log")));
        assertEquals("err", h.awaitFile(h.logs.resolve("app/silent-stderr.log")));
    }

    @Test
    void logsAreRotatedWithBackupsWhileTheProcessWrites() throws Exception {
        // 100-byte lines, 2 KB per rotation: the agent checks every 100 ms
        Path script = h.script("chatty.sh", "i=0; while :; do i=$((i+1)); printf '%099d\\n' $i; sleep 0.005; done");
        ProcessKey key = h.start(program("chatty", script)
                .stdout(new LogSpec(LogSpec.AUTO, new ByteSize(2048), 2, null)));
        h.awaitState(key, RUNNING);
        Path log = h.logs.resolve("app/chatty-stdout.log");

        await().atMost(Harness.TIMEOUT).until(() -> Files.exists(Path.of(log + ".2")));
        await().atMost(Harness.TIMEOUT).until(() -> Files.size(Path.of(log + ".2")) > 0);
        h.supervisor.stop(key).get();
        assertFalse(Files.exists(Path.of(log + ".3")), "only two backups are kept");
        assertTrue(Files.size(Path.of(log + ".1")) >= 2048);
        // the process kept appending to the truncated file, with no hole of zero bytes before its new lines
        String current = Files.readString(log);
        assertFalse(current.contains("\0"), "append mode continues at the new end");
        long firstOfBackup1 = Long.parseLong(Files.readAllLines(Path.of(log + ".1")).get(0));
        long firstOfBackup2 = Long.parseLong(Files.readAllLines(Path.of(log + ".2")).get(0));
        assertTrue(firstOfBackup2 < firstOfBackup1, ".2 is older than .1");
    }

    @Test
    void userIsSwitchedWhenTheAgentIsRoot() throws IOException {
        assumeTrue(Users.currentUid() == 0, "the agent runs as root");
        assumeTrue(Users.find("nobody").isPresent(), "a 'nobody' user exists");
        Path out = dir.resolve("id");
        Path script = h.script("whoami.sh", "id -u > " + out);
        // the unprivileged user must reach the script and write its answer next to it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ProcessKey key = h.start(program("who", script).user("nobody").autoRestart(io.drover.api.model.AutoRestart.FALSE));

        h.awaitState(key, EXITED);
        assertEquals(String.valueOf(Users.find("nobody").orElseThrow().uid()), h.awaitFile(out));
    }

    @Test
    void unknownUserIsFatal() {
        ProcessKey key = h.start(program("who", h.script("who.sh", "exit 0")).user("no-such-user-here").startRetries(0));

        h.awaitState(key, FATAL);
        assertEquals("couldn't setuid to 'no-such-user-here': Can't find username 'no-such-user-here'",
                h.events.last(key).orElseThrow().spawnError());
    }
}
