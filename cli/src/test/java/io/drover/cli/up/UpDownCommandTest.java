package io.drover.cli.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of up and down that need no cluster. */
class UpDownCommandTest {

    @TempDir
    Path dir;

    /** Stands for a drover up in {@link #downStopsTheDroverUpOfItsFolderAndRemovesThePidFile}: a java running drover. */
    public static final class FakeUp {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    void downSaysNothingRunsWhenNothingDoes() {
        Run run = Run.drover("down", "--dir", dir.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("nothing running in " + dir), run.toString());
    }

    @Test
    void downLeavesAProcessThatIsNotDroverAloneAndRemovesTheStalePidFile() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve(LocalUp.PID_FILE), sleep.pid() + "\n");

            Run run = Run.drover("down", "--dir", dir.toString());

            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("removed a stale up.pid"), run.toString());
            assertTrue(sleep.isAlive(), "a process that is not drover is never signalled");
            assertFalse(Files.exists(dir.resolve(LocalUp.PID_FILE)));
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void downStopsTheDroverUpOfItsFolderAndRemovesThePidFile() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process fake = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeUp.class.getName()).start();
        try {
            Files.writeString(dir.resolve(LocalUp.PID_FILE), fake.pid() + "\n");
            // /proc shows the new JVM's arguments once it has exec'ed
            for (int i = 0; i < 100 && PidFile.liveDrover(dir.resolve(LocalUp.PID_FILE)).isEmpty(); i++) {
                Thread.sleep(20);
            }

            Run run = Run.drover("down", "--dir", dir.toString());

            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().contains("stopping drover up (pid " + fake.pid() + ")"), run.toString());
            assertFalse(fake.isAlive());
            assertFalse(Files.exists(dir.resolve(LocalUp.PID_FILE)));
        } finally {
            fake.destroyForcibly();
        }
    }

    @Test
    void onlyAJavaRunningDroverCountsAsDrover() {
        assertTrue(PidFile.isDroverJava(List.of("/usr/bin/java", "-jar", "cli/target/drover.jar", "up")));
        assertTrue(PidFile.isDroverJava(List.of("java", "-cp", "x", "io.drover.cli.Drover")));
        assertFalse(PidFile.isDroverJava(List.of("/usr/bin/etcd", "--data-dir", ".drover/etcd")));
        assertFalse(PidFile.isDroverJava(List.of("java", "-jar", "other.jar")));
        assertFalse(PidFile.isDroverJava(List.of()));
    }

    @Test
    void etcdIsInstalledOnlyAsRootOnDebianWithAptGet() {
        assertTrue(EtcdBinary.mayInstall(0, true, true));
        assertFalse(EtcdBinary.mayInstall(1000, true, true));
        assertFalse(EtcdBinary.mayInstall(0, false, true));
        assertFalse(EtcdBinary.mayInstall(0, true, false));
        assertTrue(EtcdBinary.missingMessage().contains("sudo apt-get install -y etcd-server etcd-client"));
        assertTrue(EtcdBinary.onPath(dir.toString(), "etcd").isEmpty());
    }

    @Test
    void anUnknownExampleIsExplainedWithTheKnownOnes() {
        Run run = Run.drover("up", "--dir", dir.toString(), "--example", "scenario-9");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--example scenario-9: no such example; name one of scenario-"), run.toString());
        assertFalse(Files.exists(dir.resolve(LocalUp.PID_FILE)));
    }

    @Test
    void aBadNodeListIsACommandLineMistake() {
        Run run = Run.drover("up", "--dir", dir.toString(), "--nodes", "server_1:server,x y");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--nodes 'server_1:server,x y': node name 'x y' may only contain"), run.toString());
    }

    @Test
    void anInvalidExampleIsRefusedBeforeAnythingStarts() throws Exception {
        Path example = dir.resolve("example");
        Files.createDirectories(example);
        Files.writeString(example.resolve(Topology.FILE_NAME), "nodes:\n  - id: n1\n    config: absent.conf\n");

        Run run = Run.drover("up", "--dir", dir.resolve("state").toString(), "--example", example.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("topology.yaml:3:5: error: node n1 reads absent.conf"), run.toString());
        assertFalse(Files.exists(dir.resolve("state")), "nothing was started");
    }

    @Test
    void anExampleWhoseRulesAreWrongIsRefusedWithTheLineBeforeAnythingStarts() throws Exception {
        Path example = dir.resolve("example");
        Files.createDirectories(example);
        Files.writeString(example.resolve("rules.xml"), "<root>\n  <application name=\"a\">\n    <bogus/>\n"
                + "  </application>\n</root>\n");
        Files.writeString(example.resolve(Topology.FILE_NAME), "files: [rules.xml]\nnodes:\n  - id: n1\n");

        Run run = Run.drover("up", "--dir", dir.resolve("state").toString(), "--example", example.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("rules.xml:3:"), run.toString());
        assertFalse(Files.exists(dir.resolve("state")), "nothing was started or written");
    }
}
