package io.drover.agent.process;

import io.drover.agent.command.CommandLine;
import io.drover.agent.command.ExecutableLookup;
import io.drover.agent.command.Placeholders;
import io.drover.agent.command.ProcessEnvironment;
import io.drover.agent.command.SpawnException;
import io.drover.agent.logs.ProcessLogs;
import io.drover.agent.os.Executables;
import io.drover.agent.os.IgnoredSignals;
import io.drover.agent.os.ProcessIdentity;
import io.drover.agent.os.Users;
import io.drover.api.model.ProgramSpec;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a process definition into a running OS process, checking first everything supervisord checks (the command
 * parses, its program exists and is executable, the directory exists, the user can be switched to), so that a
 * process that cannot start gets a clear {@code spawnError} rather than a mysterious early exit.
 *
 * <p>The command runs without a shell. Around it, only when needed, come: {@code sh -c 'umask ...; exec ...'} for
 * {@code umask}, {@code setpriv} for {@code user}, and {@code setsid}, which makes the program the leader of a new
 * session and process group <em>without forking</em> (a child of the JVM is never a group leader, so setsid calls
 * setsid(2) and execs in place): the pid Java reports is the program's, and {@code kill(-pid)} reaches its group.
 */
final class ProcessLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);
    private static final Pattern UMASK = Pattern.compile("[0-7]{1,4}");
    private static final Redirect NO_INPUT = Redirect.from(new File("/dev/null"));

    private final SupervisorSettings settings;
    private final Optional<Path> setsid;
    private final Path shell;
    private final List<String> signalReset;

    ProcessLauncher(SupervisorSettings settings) {
        this.settings = settings;
        this.setsid = settings.newSession() ? Executables.find("setsid") : Optional.empty();
        this.shell = Executables.find("sh").orElse(Path.of("/bin/sh"));
        List<String> ignored = IgnoredSignals.stopSignalsIgnoredHere();
        this.signalReset = IgnoredSignals.resetPrefix().orElse(List.of());
        if (!ignored.isEmpty()) {
            if (signalReset.isEmpty()) {
                LOG.warn("the agent ignores SIG{} and cannot reset it for its processes (env --default-signal is missing):"
                        + " processes stopped with it will need SIGKILL", String.join(", SIG", ignored));
            } else {
                LOG.info("the agent ignores SIG{}; processes get the default action back", String.join(", SIG", ignored));
            }
        }
    }

    /** Whether processes are spawned as process-group leaders (false when setsid is missing or switched off). */
    boolean spawnsGroupLeaders() {
        return setsid.isPresent();
    }

    /** A spawned process. {@code identity} is empty when the process was already gone when we looked at it. */
    record Launched(Process process, Optional<ProcessIdentity> identity, Instant startTime, ProcessLogs logs,
                    boolean groupLeader) {
    }

    Launched launch(ProcessDefinition definition, ProgramSpec effective) throws SpawnException {
        Placeholders placeholders = placeholders(definition, effective);
        List<String> words = CommandLine.split(placeholders.expand("command", effective.command()));
        Path directory = directory(placeholders.expand("directory", effective.directory()));
        Map<String, String> environment = ProcessEnvironment.build(settings.agentEnvironment(), settings.nodeId(),
                definition.application(), definition.instance().processName(), programEnvironment(effective, placeholders));
        // Supervisor searches supervisord's PATH; a PATH the program sets for itself is honoured too
        Path executable = ExecutableLookup.resolve(words.get(0), environment.get("PATH"), directory);
        ProcessLogs logs = logs(definition, effective, placeholders);
        logs.createDirectories();

        List<String> argv = new ArrayList<>();
        if (effective.umask() != null) {
            String umask = effective.umask().strip();
            if (!UMASK.matcher(umask).matches()) {
                throw new SpawnException("umask '" + effective.umask() + "' is not an octal number such as 022");
            }
            // the umask is passed as $0, never pasted into the script, so nothing in it is interpreted by the shell
            argv.addAll(List.of(shell.toString(), "-c", "umask \"$0\" && exec \"$@\"", umask));
        }
        argv.addAll(userSwitch(placeholders.expand("user", effective.user())));
        argv.addAll(signalReset);
        setsid.ifPresent(path -> argv.add(path.toString()));
        argv.add(executable.toString());
        argv.addAll(words.subList(1, words.size()));

        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectInput(NO_INPUT)
                .redirectOutput(logs.stdoutRedirect())
                .redirectError(logs.stderrRedirect())
                .redirectErrorStream(logs.stderrToStdout());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Instant startTime = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SpawnException("cannot spawn '" + executable + "': " + e.getMessage(), e);
        }
        return new Launched(process, ProcessIdentity.of(process.pid()), startTime, logs, setsid.isPresent());
    }

    /** The log files of a process, for rotation of a process spawned by a previous agent. */
    ProcessLogs logs(ProcessDefinition definition, ProgramSpec effective) throws SpawnException {
        return logs(definition, effective, placeholders(definition, effective));
    }

    private ProcessLogs logs(ProcessDefinition definition, ProgramSpec effective, Placeholders placeholders)
            throws SpawnException {
        return ProcessLogs.resolve(effective.stdout(), effective.stderr(), Boolean.TRUE.equals(effective.redirectStderr()),
                settings.logDirectory(), definition.application(), definition.instance().processName(), placeholders);
    }

    private Placeholders placeholders(ProcessDefinition definition, ProgramSpec effective) {
        return new Placeholders(effective.name(), definition.application(), definition.instance().processNum(),
                effective.numprocs() == null ? 1 : effective.numprocs(), settings.here().toString(),
                settings.hostNodeName(), settings.agentEnvironment());
    }

    private static Map<String, String> programEnvironment(ProgramSpec effective, Placeholders placeholders)
            throws SpawnException {
        if (effective.environment() == null) {
            return null;
        }
        Map<String, String> expanded = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : effective.environment().entrySet()) {
            expanded.put(variable.getKey(), placeholders.expand("environment " + variable.getKey(), variable.getValue()));
        }
        return expanded;
    }

    private Path directory(String written) throws SpawnException {
        if (written == null || written.isBlank()) {
            return settings.here();
        }
        Path directory;
        try {
            directory = Path.of(written);
        } catch (InvalidPathException e) {
            throw new SpawnException("couldn't chdir to '" + written + "': " + e.getMessage());
        }
        if (!directory.isAbsolute()) {
            directory = settings.here().resolve(directory);
        }
        if (!Files.exists(directory)) {
            throw new SpawnException("couldn't chdir to '" + written + "': No such file or directory");
        }
        if (!Files.isDirectory(directory)) {
            throw new SpawnException("couldn't chdir to '" + written + "': Not a directory");
        }
        return directory.normalize();
    }

    /** The setpriv prefix that runs the program as {@code user}, with supervisord's rules and messages. */
    private static List<String> userSwitch(String user) throws SpawnException {
        if (user == null || user.isBlank()) {
            return List.of();
        }
        Users.Account account = Users.find(user).orElseThrow(() ->
                new SpawnException("couldn't setuid to '" + user + "': Can't find username '" + user + "'"));
        int current = Users.currentUid();
        if (current == account.uid()) {
            return List.of(); // already that user, as when the agent itself runs as the program's user
        }
        if (current != 0) {
            throw new SpawnException("couldn't setuid to '" + user + "': Can't drop privilege as nonroot user");
        }
        Path setpriv = Executables.find("setpriv").orElseThrow(() -> new SpawnException("couldn't setuid to '" + user
                + "': setpriv (util-linux) is not installed on this node"));
        return List.of(setpriv.toString(), "--reuid=" + account.uid(), "--regid=" + account.gid(), "--init-groups", "--");
    }
}
