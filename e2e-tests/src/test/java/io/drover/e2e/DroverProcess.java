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

    /** The jar the cli module built in this reactor. */
    static Path jar() {
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
