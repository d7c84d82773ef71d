package io.drover.agent.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>/stat} says of a process's resource use: CPU time used and resident pages. One small read
 * per process, where a general-purpose library reads half a dozen files: with hundreds of processes sampled every
 * few seconds the difference is most of the agent's idle CPU.
 *
 * @param startTicks when the process started, in clock ticks since boot (tells a reused pid apart)
 * @param cpuTicks   user plus system CPU time, in clock ticks
 * @param rssPages   resident set size, in pages
 */
record ProcessTicks(long startTicks, long cpuTicks, long rssPages) {

    /** Linux's USER_HZ, the unit of the tick fields of /proc, is 100 on every architecture it supports. */
    static final int TICKS_PER_SECOND = 100;

    static Optional<ProcessTicks> read(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5): utime is 14, stime 15, starttime 22, rss 24
        try {
            return Optional.of(new ProcessTicks(Long.parseLong(fields[19]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long.parseLong(fields[21])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
