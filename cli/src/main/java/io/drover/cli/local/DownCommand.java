package io.drover.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover down}: stops what {@code drover up} started in a folder, cleanly, by its pid. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops the drover that 'drover up' runs in a folder: its processes, agents, operator and etcd.")
public final class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".drover", paramLabel = "DIR",
            description = "The folder given to drover up (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path pidFile = dir.resolve(UpCommand.PID_FILE);
        Optional<ProcessHandle> up = running(pidFile);
        if (up.isEmpty()) {
            Files.deleteIfExists(pidFile);
            out.println("nothing running in " + dir);
            return 0;
        }
        out.println("stopping drover up (pid " + up.get().pid() + ")");
        out.flush();
        up.get().destroy();
        try {
            up.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            spec.commandLine().getErr().println("drover down: pid " + up.get().pid() + " is still stopping after 60 s;"
                    + " its processes may take their stopwaitsecs; run drover down again to check");
            return 1;
        }
        out.println("stopped");
        return 0;
    }

    /** The process named in the pid file, if it is still a drover (a recycled pid is left alone). */
    private static Optional<ProcessHandle> running(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (!Files.exists(cmdline)) {
            return Optional.empty();
        }
        String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return command.contains("drover") ? ProcessHandle.of(pid) : Optional.empty();
    }
}
