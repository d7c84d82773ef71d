package io.drover.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A drover daemon run as users run it, {@code java -jar drover.jar ...}, in an OS process of its own. */
final class DroverProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DroverProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    private static Path copied;

    /**
     * A private copy of the jar the cli module built: a running JVM loads classes from its jar lazily, so a rebuild of
     * cli/target/drover.jar during a test must not pull the ground from under the daemons.
     */
    static synchronized Path jar() {
        if (copied == null) {
            try {
                copied = Files.createTempFile("drover-e2e-", ".jar");
                copied.toFile().deleteOnExit();
                Files.copy(builtJar(), copied, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("cannot copy drover.jar for the end-to-end tests: " + e.getMessage(), e);
            }
        }
        return copied;
    }

    /** The jar the cli module built in this reactor. */
    private static Path builtJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("cli/target/drover.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("cli/target/drover.jar not found: build the cli module first (mvn package)");
    }

    static DroverProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new DroverProcess(process, log);
    }

    /** Copies the daemons' logs of a test to target/e2e-logs/{@code test}, so a failure can be read after the run. */
    static void keepLogs(Path dir, String test) throws IOException {
        Path target = Path.of("target", "e2e-logs", test);
        Files.createDirectories(target);
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crash or a power cut would end it: nothing of its own shutdown runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    Path log() {
        return log;
    }

    /** SIGTERM, then waits for its clean shutdown. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
