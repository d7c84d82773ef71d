package io.drover.agent.os;

import io.drover.api.model.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stop signals the agent itself ignores. An ignored signal stays ignored across fork and exec, and a shell
 * cannot even trap a signal ignored on entry: started under {@code nohup} (HUP ignored) or as a background job of a
 * shell without job control (INT and QUIT ignored), the agent would pass that on to every program, and a program
 * stopped with that signal would never stop. supervisord does not have the problem because it handles these
 * signals itself (handled signals are reset by exec); the JVM only does for some of them, so the agent resets the
 * ignored ones explicitly, with coreutils' {@code env --default-signal}, when there are any.
 */
public final class IgnoredSignals {

    private IgnoredSignals() {
    }

    /** The names of the stop signals ignored by this process (read from /proc/self/status, SigIgn). */
    public static List<String> stopSignalsIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    List<String> ignored = new ArrayList<>();
                    for (StopSignal signal : StopSignal.values()) {
                        if (signal != StopSignal.KILL && (mask & (1L << (signal.number() - 1))) != 0) {
                            ignored.add(signal.name());
                        }
                    }
                    return ignored;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unexpected format: assume nothing is ignored
        }
        return List.of();
    }

    /**
     * The command prefix that gives the ignored stop signals their default action back, or empty when nothing is
     * ignored or {@code env} is too old (coreutils before 8.31) to do it.
     */
    public static Optional<List<String>> resetPrefix() {
        List<String> ignored = stopSignalsIgnoredHere();
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> env = Executables.find("env");
        if (env.isEmpty()) {
            return Optional.empty();
        }
        List<String> prefix = List.of(env.get().toString(), "--default-signal=" + String.join(",", ignored));
        try {
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return Optional.of(prefix);
            }
            process.destroyForcibly();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
