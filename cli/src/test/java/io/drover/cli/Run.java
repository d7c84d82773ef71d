package io.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the drover command line in this JVM and keeps what it printed. */
public record Run(int exitCode, String out, String err) {

    public static Run drover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Drover.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** A path of the repository (the folder holding the root pom), whichever module the tests run from. */
    public static Path repository(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("api-schemas"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("tests must run inside the drover repository");
        }
        return dir.resolve(relative);
    }

    /** The Supvisors and Supervisor files of the shared use cases, as the api-schemas tests hold them. */
    public static String cases(String relative) {
        return repository("api-schemas/src/test/resources/supervisor/cases").resolve(relative).toString();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
