package io.drover.cli.client;

import io.drover.cli.Drover;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A drover command running on its own thread (a watch, a followed log), whose output can be read while it runs and
 * which is stopped by interrupting it, as Ctrl-C would.
 */
final class Background implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<Integer> exit;

    Background(String... args) {
        CommandLine commandLine = Drover.commandLine();
        // StringWriter is synchronised: the test thread may read it while the command writes
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        exit = executor.submit(() -> commandLine.execute(args));
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    boolean finished() {
        return exit.isDone();
    }

    /** Interrupts the command and returns whether it ended within the time given. */
    boolean stop(long seconds) throws InterruptedException {
        exit.cancel(true);
        executor.shutdown();
        return executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            stop(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
