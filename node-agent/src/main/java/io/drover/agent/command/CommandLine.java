package io.drover.agent.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments exactly as Supervisor does with Python's {@code shlex.split} (POSIX mode, no
 * comments): blanks separate words; single quotes keep everything literally; inside double quotes a backslash only
 * escapes {@code "} and {@code \}; outside quotes it escapes any character. No shell runs, so {@code $VAR}, globs,
 * pipes and redirections are plain characters.
 */
public final class CommandLine {

    private static final String BLANKS = " \t\r\n";

    private enum Mode { BETWEEN, WORD, SINGLE, DOUBLE, ESCAPE, DOUBLE_ESCAPE }

    private CommandLine() {
    }

    /** The arguments of {@code command}; the message of the exception is Supervisor's "can't parse command". */
    public static List<String> split(String command) throws SpawnException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        Mode mode = Mode.BETWEEN;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            switch (mode) {
                case BETWEEN, WORD -> {
                    if (BLANKS.indexOf(c) >= 0) {
                        if (mode == Mode.WORD) {
                            words.add(word.toString());
                            word.setLength(0);
                        }
                        mode = Mode.BETWEEN;
                    } else if (c == '\'') {
                        mode = Mode.SINGLE;
                    } else if (c == '"') {
                        mode = Mode.DOUBLE;
                    } else if (c == '\\') {
                        mode = Mode.ESCAPE;
                    } else {
                        word.append(c);
                        mode = Mode.WORD;
                    }
                }
                case SINGLE -> {
                    if (c == '\'') {
                        mode = Mode.WORD;
                    } else {
                        word.append(c);
                    }
                }
                case DOUBLE -> {
                    if (c == '"') {
                        mode = Mode.WORD;
                    } else if (c == '\\') {
                        mode = Mode.DOUBLE_ESCAPE;
                    } else {
                        word.append(c);
                    }
                }
                case ESCAPE -> {
                    word.append(c);
                    mode = Mode.WORD;
                }
                case DOUBLE_ESCAPE -> {
                    if (c != '"' && c != '\\') {
                        word.append('\\');
                    }
                    word.append(c);
                    mode = Mode.DOUBLE;
                }
                default -> throw new AssertionError(mode);
            }
        }
        switch (mode) {
            case SINGLE, DOUBLE, DOUBLE_ESCAPE -> throw new SpawnException("can't parse command '" + command + "': No closing quotation");
            case ESCAPE -> throw new SpawnException("can't parse command '" + command + "': No escaped character");
            case WORD -> words.add(word.toString());
            default -> {
            }
        }
        if (words.isEmpty()) {
            throw new SpawnException("command is empty");
        }
        return List.copyOf(words);
    }
}
