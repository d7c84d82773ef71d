package io.drover.cli.up;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover down}: stops the {@code drover up} running in a folder as Ctrl-C would (SIGTERM to its JVM, which
 * stops its agents and their processes, its operator and its etcd), and waits until it is gone.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops the drover up running in a folder: its agents and their processes, its operator and etcd.")
public final class DownCommand implements Callable<Integer> {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".drover", paramLabel = "DIR",
            description = "The folder given to drover up (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path pidFile = dir.resolve(LocalUp.PID_FILE);
        Optional<ProcessHandle> up = PidFile.liveDrover(pidFile);
        if (up.isEmpty()) {
            boolean stale = Files.deleteIfExists(pidFile);
            // an etcd whose drover up was killed outright would otherwise hold the folder until the next up
            Optional<Long> etcd = LocalEtcd.stopLeftover(dir.toAbsolutePath().normalize());
            Files.deleteIfExists(dir.resolve(LocalEtcd.PID));
            Files.deleteIfExists(dir.resolve(LocalEtcd.ENDPOINT));
            out.println("nothing running in " + dir + (stale ? " (removed a stale " + LocalUp.PID_FILE + ")" : "")
                    + etcd.map(pid -> "; stopped etcd pid " + pid + ", left running by a drover up that was killed")
                    .orElse(""));
            return 0;
        }
        ProcessHandle process = up.get();
        out.println("stopping drover up (pid " + process.pid() + ") in " + dir + "...");
        out.flush();
        long started = System.nanoTime();
        process.destroy();
        try {
            process.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            spec.commandLine().getErr().println("drover down: drover up (pid " + process.pid() + ") is still stopping after "
                    + DEADLINE.toSeconds() + " s; its processes may be slow to stop: run drover down again to wait more,"
                    + " or kill -9 " + process.pid() + " (its processes then keep running until the next up adopts them)");
            return 1;
        } catch (ExecutionException e) {
            // onExit does not fail; the process is gone either way
        }
        Files.deleteIfExists(pidFile);
        out.println("stopped in " + LocalUp.since(started));
        return 0;
    }
}
