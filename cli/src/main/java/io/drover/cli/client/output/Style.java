package io.drover.cli.client.output;

import java.util.Map;

/**
 * ANSI colours, used only when standard output is a terminal and NO_COLOR is not set, so that pipes, files and
 * scripts always get plain text.
 */
public final class Style {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";

    private final boolean colours;

    private Style(boolean colours) {
        this.colours = colours;
    }

    public static Style plain() {
        return new Style(false);
    }

    /** Colours when this process writes to a terminal that can show them. */
    public static Style forTerminal(Map<String, String> environment) {
        boolean terminal = System.console() != null && environment.get("NO_COLOR") == null
                && !"dumb".equals(environment.get("TERM"));
        return new Style(terminal);
    }

    public boolean colours() {
        return colours;
    }

    public String bold(String text) {
        return paint(BOLD, text);
    }

    public String error(String text) {
        return paint(RED, text);
    }

    public String added(String text) {
        return paint(GREEN, text);
    }

    /** A state or status word coloured by what it means: green for up, yellow for moving, red for failed. */
    public String state(String text) {
        if (!colours || text == null) {
            return text;
        }
        return switch (text.trim()) {
            case "RUNNING", "Ready", "created", "changed" -> paint(GREEN, text);
            case "STARTING", "STOPPING", "BACKOFF", "minor", "WARNING", "Pending" -> paint(YELLOW, text);
            case "FATAL", "EXITED", "UNKNOWN", "major", "Lost" -> paint(RED, text);
            default -> text;
        };
    }

    private String paint(String code, String text) {
        return colours ? code + text + RESET : text;
    }
}
