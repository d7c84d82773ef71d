package io.drover.agent.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the log files of the processes by size, as Supervisor's {@code logfile_maxbytes} and
 * {@code logfile_backups} do, but from outside the process: the children hold their files open in append mode, so
 * the agent cannot switch them to a new file. It copies then truncates ({@code file.N-1 → file.N}, ...,
 * {@code file → file.1}, then truncates {@code file}); appending writers simply continue at the new end. What a
 * process writes between the copy and the truncation is lost, the known price of copy-truncate.
 *
 * <p>The sizes are checked by {@link #checkAll()}, which the owner calls periodically, so a file may exceed its
 * limit by what is written in one period.
 */
public final class LogRotator {

    private static final Logger LOG = LoggerFactory.getLogger(LogRotator.class);

    /** The files of each owner (a process), replaced as a whole when the owner is respawned with other files. */
    private final Map<Object, List<LogFile>> filesByOwner = new ConcurrentHashMap<>();

    public void register(Object owner, List<LogFile> files) {
        List<LogFile> rotating = files.stream().filter(LogFile::rotates).toList();
        if (rotating.isEmpty()) {
            filesByOwner.remove(owner);
        } else {
            filesByOwner.put(owner, rotating);
        }
    }

    public void unregister(Object owner) {
        filesByOwner.remove(owner);
    }

    /** Rotates every registered file that has grown beyond its limit; errors are logged and retried next time. */
    public void checkAll() {
        for (List<LogFile> files : filesByOwner.values()) {
            for (LogFile file : files) {
                try {
                    rotateIfNeeded(file);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot rotate the log file {}: {}", file.path(), e.toString());
                }
            }
        }
    }

    /** Rotates {@code file} when it is larger than its limit; returns whether it did. */
    public static boolean rotateIfNeeded(LogFile file) throws IOException {
        if (!file.rotates()) {
            return false;
        }
        long size;
        try {
            size = Files.size(file.path());
        } catch (NoSuchFileException e) {
            return false;
        }
        if (size < file.maxBytes()) {
            return false;
        }
        rotate(file.path(), file.backups());
        return true;
    }

    /** Shifts the backups up by one, copies {@code path} to {@code path.1} and truncates it (backups 0: truncates only). */
    public static void rotate(Path path, int backups) throws IOException {
        if (backups > 0) {
            Files.deleteIfExists(backup(path, backups));
            for (int index = backups - 1; index >= 1; index--) {
                Path older = backup(path, index);
                if (Files.exists(older)) {
                    Files.move(older, backup(path, index + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            copy(path, backup(path, 1));
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    /** Copies what the file holds now; a writer appending meanwhile only adds to the end, which is copied or lost. */
    private static void copy(Path from, Path to) throws IOException {
        Path partial = to.resolveSibling(to.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
        }
        Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Path backup(Path path, int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }
}
