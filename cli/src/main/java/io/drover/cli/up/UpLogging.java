package io.drover.cli.up;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While {@code drover up} shows its status table, what the operator and agents log goes to {@code DIR/up.log}
 * instead of the terminal. Closing puts the terminal back.
 */
final class UpLogging implements AutoCloseable {

    static final String LOG_FILE = "up.log";

    private final Logger root;
    private final List<Appender<ILoggingEvent>> detached;
    private final FileAppender<ILoggingEvent> file;

    private UpLogging(Logger root, List<Appender<ILoggingEvent>> detached, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.detached = detached;
        this.file = file;
    }

    /** Sends the log to {@code dir/up.log}; does nothing when logback is not the logging backend. */
    static UpLogging toFile(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new UpLogging(null, List.of(), null);
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("drover-up-file");
        file.setFile(dir.resolve(LOG_FILE).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        List<Appender<ILoggingEvent>> detached = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        root.addAppender(file);
        detached.forEach(root::detachAppender);
        return new UpLogging(root, detached, file);
    }

    @Override
    public void close() {
        if (root == null) {
            return;
        }
        detached.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
    }
}
