package io.drover.agent.http;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A piece of a log file: {@code length} bytes from {@code offset}, where a negative offset counts from the end (a
 * tail). Reading past the end returns what there is; a file rotated (truncated) below the offset starts over at 0.
 *
 * @param bytes      the bytes read
 * @param offset     where they start in the file
 * @param fileSize   the file's size when read
 */
public record LogSlice(byte[] bytes, long offset, long fileSize) {

    /** Largest slice one request returns, so that a log endpoint never holds much memory. */
    public static final int MAX_LENGTH = 1 << 20;

    public long nextOffset() {
        return offset + bytes.length;
    }

    static LogSlice read(Path file, long requestedOffset, int length) throws IOException {
        if (!Files.exists(file)) {
            return new LogSlice(new byte[0], 0, 0);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            long offset = requestedOffset < 0 ? Math.max(0, size + requestedOffset) : requestedOffset;
            if (offset > size) {
                // the file was truncated by a rotation since the reader's last offset
                offset = 0;
            }
            int count = (int) Math.min(Math.min(length, MAX_LENGTH), size - offset);
            byte[] bytes = new byte[count];
            in.seek(offset);
            in.readFully(bytes);
            return new LogSlice(bytes, offset, size);
        }
    }
}
