package io.drover.agent.logs;

import java.nio.file.Path;

/**
 * A file a process stream is appended to, and how it is rotated.
 *
 * @param maxBytes rotate when the file has grown beyond this size; 0 never rotates
 * @param backups  how many rotated copies ({@code file.1} ... {@code file.N}) are kept; 0 truncates without a copy
 */
public record LogFile(Path path, long maxBytes, int backups) {

    public LogFile {
        if (maxBytes < 0 || backups < 0) {
            throw new IllegalArgumentException("log maxBytes and backups cannot be negative: " + maxBytes + ", " + backups);
        }
    }

    public boolean rotates() {
        return maxBytes > 0;
    }
}
