package io.drover.cli.up;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Drover;
import io.drover.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover up} as a user runs it, in a JVM of its own, stopped by {@code drover down} from another: everything
 * it started (etcd, the programs) is gone, and the next {@code up} on the same folder finds the state it left.
 */
class UpDownIT {

    private static final Pattern SETTLED = Pattern.compile("(?m)^(ready in|not ready)");

    @TempDir
    Path dir;

    @Test
    void downStopsEverythingUpStartedAndTheNextUpFindsItsState() throws Exception {
        Path state = dir.resolve("state");
        Path output = dir.resolve("up.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process up = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Drover.class.getName(),
                "up", "--example", "scenario-1", "--dir", state.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // printed once every application that starts by itself runs or has failed
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !up.isAlive() || SETTLED.matcher(Files.readString(output)).find());
            String told = Files.readString(output);
            assertTrue(up.isAlive() && told.contains("RUNNING since launch: scen1") && !told.contains("failed"), told);
            List<ProcessHandle> started = up.descendants().toList();
            // etcd and scenario 1's nine programs at least
            assertTrue(started.size() >= 10, started.size() + " processes: " + Files.readString(output));

            Run down = Run.drover("down", "--dir", state.toString());

            assertEquals(0, down.exitCode(), down.toString());
            assertTrue(down.out().contains("stopping drover up (pid " + up.pid() + ")"), down.toString());
            assertFalse(up.isAlive(), "drover down returns once drover up has exited");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
            assertTrue(Files.readString(output).contains("stopped in"), Files.readString(output));
            assertFalse(Files.exists(state.resolve(LocalUp.PID_FILE)));
        } finally {
            // on a failure, as Ctrl-C would: a SIGKILL would leave the programs running, for a later up to adopt
            up.destroy();
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }

        Run again = Run.drover("up", "--example", "scenario-1", "--dir", state.toString(), "--no-watch");

        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("kept the state of an earlier drover up in " + state.toAbsolutePath() + ": 1"
                + " application(s)"), again.toString());
    }
}
