package io.drover.cli.client.watch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Copies a never-ending HTTP body (a followed log) to a consumer in the caller's thread, so that the caller stays
 * interruptible: the blocking reads happen on a daemon thread, and an interrupt closes the stream.
 */
public final class StreamPump {

    private static final byte[] END = new byte[0];

    private StreamPump() {
    }

    /** Returns when the stream ends; throws InterruptedException (having closed it) when interrupted. */
    public static void copy(InputStream in, Consumer<byte[]> consumer) throws InterruptedException {
        BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (read > 0) {
                        chunks.add(Arrays.copyOf(buffer, read));
                    }
                }
            } catch (IOException closed) {
                // closed by the caller, or the connection dropped: either way the copy ends
            } finally {
                chunks.add(END);
            }
        }, "drover-stream");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                byte[] chunk = chunks.take();
                if (chunk == END) {
                    return;
                }
                consumer.accept(chunk);
            }
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read anyway
            }
            reader.interrupt();
        }
    }
}
