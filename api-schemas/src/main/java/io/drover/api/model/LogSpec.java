package io.drover.api.model;

/**
 * Where a process stream goes (Supervisor's {@code stdout_logfile}, {@code stdout_logfile_maxbytes},
 * {@code stdout_logfile_backups}, {@code stdout_syslog} and the same for stderr). A logfile of {@code AUTO} (the
 * default) lets the node agent choose a file under its log folder; {@code NONE} discards the stream.
 */
public record LogSpec(String logfile, ByteSize maxBytes, Integer backups, Boolean syslog) {

    public static final String AUTO = "AUTO";
    public static final String NONE = "NONE";
    public static final ByteSize DEFAULT_MAX_BYTES = new ByteSize(50L * 1024 * 1024);
    public static final int DEFAULT_BACKUPS = 10;

    /** Supervisor's defaults: AUTO, 50MB, 10 backups, no syslog. */
    public static LogSpec defaults() {
        return new LogSpec(AUTO, DEFAULT_MAX_BYTES, DEFAULT_BACKUPS, false);
    }

    /** This spec with every absent value replaced by Supervisor's default. */
    public LogSpec withDefaults() {
        return new LogSpec(
                logfile == null ? AUTO : logfile,
                maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes,
                backups == null ? DEFAULT_BACKUPS : backups,
                syslog != null && syslog);
    }
}
