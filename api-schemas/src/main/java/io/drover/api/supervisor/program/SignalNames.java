package io.drover.api.supervisor.program;

import io.drover.api.model.StopSignal;
import io.drover.api.supervisor.ini.PythonText;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Supervisor's {@code signal_number()} on Linux: a number or a name (with or without SIG, any case) of a signal
 * Python's {@code signal} module knows. drover sends only the signals of {@link StopSignal}; telling "not a signal"
 * apart from "a signal drover does not send" gives the user the right fix.
 */
public final class SignalNames {

    private static final Map<String, Integer> LINUX = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CLD", 17), Map.entry("CONT", 18),
            Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28),
            Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31), Map.entry("RTMIN", 34),
            Map.entry("RTMAX", 64));

    /** The outcome of reading a {@code stopsignal} value. */
    public sealed interface Reading {
    }

    /** A signal drover can send. */
    public record Supported(StopSignal signal) implements Reading {
    }

    /** A signal supervisord would accept but drover does not send. */
    public record Unsupported(int number) implements Reading {
    }

    /** Not a signal at all. */
    public record Invalid() implements Reading {
    }

    private SignalNames() {
    }

    public static Reading read(String text) {
        Optional<Integer> number = SupervisorValues.integer(text);
        int value;
        if (number.isPresent()) {
            value = number.get();
            if (!LINUX.containsValue(value)) {
                return new Invalid();
            }
        } else {
            String name = PythonText.strip(text).toUpperCase(Locale.ROOT);
            Integer known = LINUX.get(name.startsWith("SIG") ? name.substring(3) : name);
            if (known == null) {
                return new Invalid();
            }
            value = known;
        }
        for (StopSignal signal : StopSignal.values()) {
            if (signal.number() == value) {
                return new Supported(signal);
            }
        }
        return new Unsupported(value);
    }

    /** The signals drover sends, for messages: {@code TERM, HUP, INT, ...}. */
    public static String supported() {
        return Arrays.stream(StopSignal.values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
