package io.drover.cli.client;

/**
 * The exit codes of the client verbs, so that scripts can tell a missing resource or a lost race from a failure
 * without reading the message.
 */
public final class ExitCode {

    public static final int OK = 0;
    /** anything else that went wrong: refused input, unreachable server, missing rights */
    public static final int ERROR = 1;
    /** the command line itself is wrong (picocli's own code for it) */
    public static final int USAGE = 2;
    /** the server has no such resource */
    public static final int NOT_FOUND = 3;
    /** the resource changed meanwhile (a stale resourceVersion) or the request contradicts what is there */
    public static final int CONFLICT = 4;
    /** a wait or a request ran out of time */
    public static final int TIMEOUT = 5;

    private ExitCode() {
    }
}
