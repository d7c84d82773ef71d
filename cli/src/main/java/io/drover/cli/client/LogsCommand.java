package io.drover.cli.client;

import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.resource.ProcessName;
import io.drover.cli.client.watch.StreamPump;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover logs APP:PROCESS}: the process's standard output log, from the node that runs it. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints the standard output log of a process (Supervisor's tail / readProcessStdoutLog).",
                "Exit 0 on success, 3 when the process is unknown."})
public final class LogsCommand extends ClientCommand {

    /** A line is rarely longer; asking this much per wanted line usually gets the tail in one request. */
    private static final int BYTES_PER_LINE = 256;
    private static final int MAX_TAIL_BYTES = 64 * 1024 * 1024;

    @Parameters(index = "0", paramLabel = "APP:PROCESS", description = "The process, as Supvisors' namespec.")
    String namespec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what the process writes, until interrupted.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (then new ones with -f).")
    Integer tail;

    @Override
    protected int execute() throws Exception {
        ProcessName process = ProcessName.parse(namespec, true);
        if (tail != null && tail < 0) {
            throw new ClientException(ExitCode.USAGE, "--tail must be 0 or more, not " + tail);
        }
        String path = "/api/v1/processes/" + ApiClient.segment(process.application()) + "/"
                + ApiClient.segment(process.process()) + "/log";
        if (tail == null) {
            copy(client().open(path + "?offset=0&follow=" + follow, Map.of()), 0);
            return ExitCode.OK;
        }
        int ask = Math.max(1, tail == 0 ? 1 : Math.max(8192, tail * BYTES_PER_LINE));
        byte[] end;
        while (true) {
            try (InputStream in = client().open(path + "?offset=-" + ask + "&length=" + ask + "&follow=false",
                    Map.of())) {
                end = in.readAllBytes();
            }
            if (tail == 0 || end.length < ask || newlines(end) > tail || ask >= MAX_TAIL_BYTES) {
                break;
            }
            ask = Math.min(MAX_TAIL_BYTES, ask * 4);
        }
        print(lastLines(end, tail));
        if (follow) {
            if (end.length < ask) {
                // the whole log was read: follow from its end, an absolute offset
                copy(client().open(path + "?offset=" + end.length + "&follow=true", Map.of()), 0);
            } else {
                // the log is longer: the stream starts with the same last bytes, which were just shown
                copy(client().open(path + "?offset=-" + ask + "&follow=true", Map.of()), ask);
            }
        }
        return ExitCode.OK;
    }

    private void copy(InputStream in, int skip) throws InterruptedException {
        int[] toSkip = {skip};
        StreamPump.copy(in, chunk -> {
            int from = Math.min(chunk.length, toSkip[0]);
            toSkip[0] -= from;
            if (from < chunk.length) {
                print(new String(chunk, from, chunk.length - from, StandardCharsets.UTF_8));
            }
        });
        out().flush();
    }

    private void print(String text) {
        out().print(text);
        out().flush();
    }

    private static int newlines(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The last {@code lines} lines of {@code bytes}, a partial last line counting as one. */
    static String lastLines(byte[] bytes, int lines) {
        if (lines == 0) {
            return "";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int index = text.endsWith("\n") ? text.length() - 1 : text.length();
        int found = 0;
        while (index > 0) {
            int previous = text.lastIndexOf('\n', index - 1);
            found++;
            if (found == lines) {
                return text.substring(previous + 1);
            }
            if (previous < 0) {
                break;
            }
            index = previous;
        }
        return text;
    }
}
