package io.drover.agent.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotatorTest {

    @TempDir
    Path dir;

    @Test
    void shiftsBackupsCopiesAndTruncates() throws IOException {
        Path log = dir.resolve("p.log");
        for (int round = 1; round <= 4; round++) {
            Files.writeString(log, "round " + round);
            LogRotator.rotate(log, 2);
        }
        assertEquals(0, Files.size(log));
        assertEquals("round 4", Files.readString(LogRotator.backup(log, 1)));
        assertEquals("round 3", Files.readString(LogRotator.backup(log, 2)));
        assertFalse(Files.exists(LogRotator.backup(log, 3)));
    }

    @Test
    void zeroBackupsOnlyTruncates() throws IOException {
        Path log = dir.resolve("p.log");
        Files.writeString(log, "x".repeat(100));
        assertTrue(LogRotator.rotateIfNeeded(new LogFile(log, 10, 0)));
        assertEquals(0, Files.size(log));
        assertFalse(Files.exists(LogRotator.backup(log, 1)));
    }

    @Test
    void onlyPastTheLimitAndNeverWithMaxbytesZero() throws IOException {
        Path log = dir.resolve("p.log");
        Files.writeString(log, "x".repeat(100));
        assertFalse(LogRotator.rotateIfNeeded(new LogFile(log, 101, 3)));
        assertFalse(LogRotator.rotateIfNeeded(new LogFile(log, 0, 3)));
        assertFalse(LogRotator.rotateIfNeeded(new LogFile(dir.resolve("absent.log"), 1, 3)));
        assertTrue(LogRotator.rotateIfNeeded(new LogFile(log, 100, 3)));
    }

    @Test
    void registeredFilesAreCheckedTogether() throws IOException {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        Files.writeString(out, "x".repeat(50));
        Files.writeString(err, "y".repeat(5));
        LogRotator rotator = new LogRotator();
        rotator.register("p", List.of(new LogFile(out, 10, 1), new LogFile(err, 10, 1)));

        rotator.checkAll();

        assertEquals(0, Files.size(out));
        assertEquals(5, Files.size(err));
        rotator.unregister("p");
        Files.writeString(out, "x".repeat(50));
        rotator.checkAll();
        assertEquals(50, Files.size(out));
    }
}
