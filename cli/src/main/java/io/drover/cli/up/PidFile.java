package io.drover.cli.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Pid files of {@code drover up} and what runs under a pid, read from {@code /proc}. */
final class PidFile {

    private PidFile() {
    }

    /** The pid written in {@code file}, if it holds one. */
    static Optional<Long> read(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void write(Path file, long pid) throws IOException {
        Files.writeString(file, pid + System.lineSeparator());
    }

    /** The arguments of process {@code pid}, from {@code /proc/<pid>/cmdline}; empty when it does not exist. */
    static Optional<List<String>> arguments(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return Optional.empty(); // a zombie
            }
            return Optional.of(List.of(text.split("\0")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The command line of process {@code pid}, its arguments joined with spaces. */
    static Optional<String> commandLine(long pid) {
        return arguments(pid).map(a -> String.join(" ", a));
    }

    /** Whether {@code arguments} are those of a java running drover (the jar, or a class of drover). */
    static boolean isDroverJava(List<String> arguments) {
        if (arguments.isEmpty()) {
            return false;
        }
        String program = arguments.get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("java") && arguments.stream().skip(1).anyMatch(a -> a.contains("drover"));
    }

    /** The live {@code drover up} whose pid {@code file} holds, if it still runs (a reused pid is not it). */
    static Optional<ProcessHandle> liveDrover(Path file) {
        return read(file).filter(pid -> arguments(pid).map(PidFile::isDroverJava).orElse(false))
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }
}
