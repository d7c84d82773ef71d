package io.drover.cli.client.watch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A live block of lines, one per thing waited for: redrawn in place on a terminal; elsewhere (a pipe, a log) a line
 * is printed only when it changed, so that logs stay short and readable.
 */
public final class Progress {

    private final PrintWriter out;
    private final boolean terminal;
    private List<String> shown = List.of();

    public Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(List<String> lines) {
        if (terminal) {
            StringBuilder redraw = new StringBuilder();
            if (!shown.isEmpty()) {
                redraw.append("\u001b[").append(shown.size()).append('A');
            }
            for (String line : lines) {
                redraw.append("\r\u001b[2K").append(line).append(System.lineSeparator());
            }
            out.print(redraw);
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (i >= shown.size() || !shown.get(i).equals(lines.get(i))) {
                    out.println(lines.get(i));
                }
            }
        }
        out.flush();
        shown = new ArrayList<>(lines);
    }
}
