package io.drover.agent.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the agent needs: state, process group, session and start time. The start
 * time is in clock ticks since boot, exact and independent of the wall clock, which makes (boot id, pid, start ticks)
 * a name no other process will ever have, unlike a pid alone.
 *
 * @param state      one-letter state: R, S, D, Z (zombie), X (dead), ...
 * @param startTicks field 22 (starttime), in clock ticks since boot
 */
public record ProcStat(long pid, char state, long parentPid, long processGroup, long session, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /** The current stat of {@code pid}, or empty when there is no such process. */
    public static Optional<ProcStat> read(long pid) {
        String text;
        try {
            text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // the process vanished between open and read (ESRCH surfaces as an IOException)
            return Optional.empty();
        }
        return Optional.of(parse(pid, text));
    }

    /** Parses a stat line; the command name in parentheses may itself hold spaces and ')' so we cut at the last one. */
    static ProcStat parse(long pid, String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("unexpected /proc/" + pid + "/stat content: " + text);
        }
        String[] fields = text.substring(close + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5) (state), so field n is fields[n - 3]
        return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                Long.parseLong(fields[3]), Long.parseLong(fields[19]));
    }

    /** Exited but not yet reaped, or being torn down: no longer a running program. */
    public boolean isGone() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /** Whether the process leads its own process group, so that signalling {@code -pid} reaches its whole group. */
    public boolean isGroupLeader() {
        return processGroup == pid;
    }
}
