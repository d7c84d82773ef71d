package io.drover.api.supervisor.program;

import io.drover.api.model.AutoRestart;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StopSignal;
import java.util.List;

/**
 * Supervisor's defaults for the program fields an imported (or hand-written) program leaves absent. Imports keep
 * only what the file says, so that a converted manifest is as short as the ini; whoever needs the values a
 * supervisord would use (the node agent, a comparison of two definitions) takes them from here.
 */
public final class SupervisorDefaults {

    public static final int PRIORITY = 999;
    public static final boolean AUTOSTART = true;
    public static final AutoRestart AUTO_RESTART = AutoRestart.UNEXPECTED;
    public static final int START_SECS = 1;
    public static final int START_RETRIES = 3;
    public static final List<Integer> EXIT_CODES = List.of(0);
    public static final StopSignal STOP_SIGNAL = StopSignal.TERM;
    public static final int STOP_WAIT_SECS = 10;
    public static final boolean STOP_AS_GROUP = false;
    public static final boolean REDIRECT_STDERR = false;
    public static final int NUMPROCS = 1;
    public static final int NUMPROCS_START = 0;

    private SupervisorDefaults() {
    }

    /**
     * {@code program} with every absent Supervisor field set as supervisord would set it: killasgroup follows
     * stopasgroup, and a redirected stderr has no log file of its own. Fields without a default (directory, user,
     * umask, environment) stay absent: the process inherits them.
     */
    public static ProgramSpec effective(ProgramSpec program) {
        boolean stopAsGroup = or(program.stopAsGroup(), STOP_AS_GROUP);
        boolean redirectStderr = or(program.redirectStderr(), REDIRECT_STDERR);
        LogSpec stderr = log(program.stderr());
        if (redirectStderr) {
            stderr = new LogSpec(LogSpec.NONE, stderr.maxBytes(), stderr.backups(), stderr.syslog());
        }
        return program.toBuilder()
                .priority(or(program.priority(), PRIORITY))
                .autostart(or(program.autostart(), AUTOSTART))
                .autoRestart(or(program.autoRestart(), AUTO_RESTART))
                .startSecs(or(program.startSecs(), START_SECS))
                .startRetries(or(program.startRetries(), START_RETRIES))
                .exitCodes(or(program.exitCodes(), EXIT_CODES))
                .stopSignal(or(program.stopSignal(), STOP_SIGNAL))
                .stopWaitSecs(or(program.stopWaitSecs(), STOP_WAIT_SECS))
                .stopAsGroup(stopAsGroup)
                .killAsGroup(or(program.killAsGroup(), stopAsGroup))
                .redirectStderr(redirectStderr)
                .numprocs(or(program.numprocs(), NUMPROCS))
                .numprocsStart(or(program.numprocsStart(), NUMPROCS_START))
                .processName(or(program.processName(), ProgramSpec.DEFAULT_PROCESS_NAME))
                .stdout(log(program.stdout()))
                .stderr(stderr)
                .build();
    }

    private static LogSpec log(LogSpec written) {
        return written == null ? LogSpec.defaults() : written.withDefaults();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
