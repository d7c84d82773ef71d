package io.drover.agent.process;

import static org.awaitility.Awaitility.await;

import io.drover.agent.os.ProcessIdentity;
import io.drover.agent.os.Signals;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecBuilder;
import io.drover.api.state.ProcessState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A supervisor over a temporary folder, with helpers to write small shell programs and wait for states. Each test
 * closes it, which stops every process it started; pids registered with {@link #killLater} are killed too.
 */
final class Harness implements AutoCloseable {

    static final String APP = "app";
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    final Path dir;
    final Path logs;
    final Path state;
    final RecordingListener events = new RecordingListener();
    LocalSupervisor supervisor;
    private final List<ProcessIdentity> strays = new ArrayList<>();

    Harness(Path dir) {
        this.dir = dir;
        this.logs = dir.resolve("logs");
        this.state = dir.resolve("state");
        this.supervisor = new LocalSupervisor(settings(), events);
    }

    SupervisorSettings settings() {
        return SupervisorSettings.of("node-1", logs, state).withLogCheckPeriod(Duration.ofMillis(100))
                .withAdoptedCheckPeriod(Duration.ofMillis(100)).withHere(dir);
    }

    /** An executable {@code #!/bin/sh} script holding {@code body}. */
    Path script(String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A program running {@code script}, with startsecs 0 unless the test says otherwise. */
    static ProgramSpecBuilder program(String name, Path script) {
        return ProgramSpec.builder(name).command(script.toString()).startSecs(0).stopWaitSecs(5);
    }

    ProcessKey start(ProgramSpecBuilder program) {
        return start(program.build());
    }

    ProcessKey start(ProgramSpec program) {
        ProcessDefinition definition = ProcessDefinition.single(APP, program, "hash-" + program.name());
        supervisor.start(definition);
        return definition.key();
    }

    ProcessState awaitState(ProcessKey key, ProcessState expected) {
        await().atMost(TIMEOUT).until(() -> events.lastState(key) == expected);
        return expected;
    }

    ProcessSnapshot current(ProcessKey key) {
        return supervisor.snapshot(key).orElseThrow();
    }

    /** Waits for a file to exist with content and returns its trimmed content. */
    String awaitFile(Path file) {
        await().atMost(TIMEOUT).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long awaitPidFile(Path file) {
        long pid = Long.parseLong(awaitFile(file));
        killLater(pid);
        return pid;
    }

    /** Kills {@code pid} when the test ends if it still runs (the identity makes sure it is the same process). */
    void killLater(long pid) {
        ProcessIdentity.of(pid).ifPresent(strays::add);
    }

    static boolean alive(long pid) {
        return ProcessIdentity.of(pid).isPresent();
    }

    @Override
    public void close() {
        supervisor.shutdown(ShutdownMode.STOP_ALL, Duration.ofSeconds(20));
        for (ProcessIdentity stray : strays) {
            if (stray.isAlive()) {
                Signals.send(stray.pid(), Signals.SIGKILL, false);
            }
        }
    }
}
