package io.drover.agent.logs;

import io.drover.agent.command.Placeholders;
import io.drover.agent.command.SpawnException;
import io.drover.api.model.LogSpec;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the two output streams of a process go, with Supervisor's meaning of the log options: {@code AUTO} is a
 * file the agent names ({@code <logDir>/<app>/<process>-stdout.log}), {@code NONE} discards the stream, anything else
 * is a path (relative paths are taken under the log directory), and {@code redirect_stderr} sends stderr into the
 * stdout log.
 *
 * <p>The child writes the files itself, opened in append mode: nothing passes through the agent, so a process never
 * blocks on a slow agent and survives an agent crash without a SIGPIPE.
 *
 * @param stdout         null when stdout is discarded
 * @param stderr         null when stderr is discarded or redirected
 * @param stderrToStdout whether stderr is written into the stdout destination
 */
public record ProcessLogs(LogFile stdout, LogFile stderr, boolean stderrToStdout) {

    /**
     * @param stdoutSpec, stderrSpec the program's log options with Supervisor's defaults applied
     */
    public static ProcessLogs resolve(LogSpec stdoutSpec, LogSpec stderrSpec, boolean redirectStderr, Path logDirectory,
                                      String application, String process, Placeholders placeholders) throws SpawnException {
        LogFile stdout = file("stdout", stdoutSpec, logDirectory, application, process, placeholders);
        LogFile stderr = redirectStderr ? null : file("stderr", stderrSpec, logDirectory, application, process, placeholders);
        return new ProcessLogs(stdout, stderr, redirectStderr);
    }

    private static LogFile file(String stream, LogSpec spec, Path logDirectory, String application, String process,
                                Placeholders placeholders) throws SpawnException {
        String written = spec.logfile();
        if (LogSpec.NONE.equalsIgnoreCase(written) || "off".equalsIgnoreCase(written)) {
            return null;
        }
        Path path;
        if (written == null || LogSpec.AUTO.equalsIgnoreCase(written)) {
            path = logDirectory.resolve(application).resolve(process + "-" + stream + ".log");
        } else {
            String expanded = placeholders.expand(stream + "_logfile", written);
            path = logDirectory.resolve(expanded);
        }
        long maxBytes = spec.maxBytes() == null ? LogSpec.DEFAULT_MAX_BYTES.bytes() : spec.maxBytes().bytes();
        int backups = spec.backups() == null ? LogSpec.DEFAULT_BACKUPS : spec.backups();
        return new LogFile(path.toAbsolutePath().normalize(), maxBytes, backups);
    }

    /** The files to rotate. */
    public List<LogFile> files() {
        List<LogFile> files = new ArrayList<>(2);
        if (stdout != null) {
            files.add(stdout);
        }
        if (stderr != null) {
            files.add(stderr);
        }
        return files;
    }

    /** Creates the missing log folders, so a first start does not fail for want of {@code <logDir>/<app>}. */
    public void createDirectories() throws SpawnException {
        for (LogFile file : files()) {
            Path parent = file.path().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new SpawnException("cannot create the log folder '" + parent + "': " + reason(e), e);
            }
            if (Files.isDirectory(file.path())) {
                throw new SpawnException("the log file '" + file.path() + "' is a directory");
            }
        }
    }

    public Redirect stdoutRedirect() {
        return redirect(stdout);
    }

    public Redirect stderrRedirect() {
        return redirect(stderr);
    }

    private static Redirect redirect(LogFile file) {
        return file == null ? Redirect.DISCARD : Redirect.appendTo(new File(file.path().toString()));
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
    }
}
