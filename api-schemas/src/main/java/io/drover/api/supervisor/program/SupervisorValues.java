package io.drover.api.supervisor.program;

import io.drover.api.model.AutoRestart;
import io.drover.api.model.ByteSize;
import io.drover.api.supervisor.ini.PythonText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Supervisor's value types ({@code supervisor/datatypes.py}): what each accepts and rejects, so that a value
 * supervisord accepts is accepted here with the same meaning.
 */
public final class SupervisorValues {

    // Python's int(): blanks around, a sign, digits with single underscores between them
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?[0-9]+(?:_[0-9]+)*");
    // Python's int(text, 8): the same, with an optional 0o prefix
    private static final Pattern PYTHON_OCTAL = Pattern.compile("([+-]?)(?:0[oO]_?)?([0-7]+(?:_[0-7]+)*)");
    private static final List<String> TRUTHY = List.of("yes", "true", "on", "1");
    private static final List<String> FALSY = List.of("no", "false", "off", "0");
    /** Largest umask: the nine permission bits. */
    public static final int MAX_UMASK = 0777;

    private SupervisorValues() {
    }

    /** Python's {@code int(text)} as a Java int; empty when Python refuses it or the number does not fit. */
    public static Optional<Integer> integer(String text) {
        return bigInteger(text).filter(v -> v.bitLength() < 32).map(BigInteger::intValue);
    }

    static Optional<BigInteger> bigInteger(String text) {
        String value = PythonText.strip(text);
        if (!PYTHON_INT.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(value.replace("_", "")));
    }

    /** {@code boolean()}: yes/true/on/1 and no/false/off/0, any case. */
    public static Optional<Boolean> bool(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (TRUTHY.contains(value)) {
            return Optional.of(true);
        }
        return FALSY.contains(value) ? Optional.of(false) : Optional.empty();
    }

    /** {@code auto_restart()}: a boolean (true means always) or {@code unexpected}. */
    public static Optional<AutoRestart> autoRestart(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (TRUTHY.contains(value)) {
            return Optional.of(AutoRestart.TRUE);
        }
        if (FALSY.contains(value)) {
            return Optional.of(AutoRestart.FALSE);
        }
        return "unexpected".equals(value) ? Optional.of(AutoRestart.UNEXPECTED) : Optional.empty();
    }

    /**
     * {@code list_of_exitcodes()}: comma-separated integers from 0 to 255. An empty text is an empty list for
     * Supervisor (every exit is unexpected); the caller decides what to make of it.
     */
    public static Optional<List<Integer>> exitCodes(String text) {
        List<Integer> codes = new ArrayList<>();
        if (text.isEmpty()) {
            return Optional.of(codes);
        }
        for (String part : text.split(",", -1)) {
            Optional<Integer> code = integer(part).filter(c -> c >= 0 && c <= 255);
            if (code.isEmpty()) {
                return Optional.empty();
            }
            codes.add(code.get());
        }
        return Optional.of(codes);
    }

    /** {@code byte_size()}: an integer optionally followed by KB, MB or GB (powers of 1024), any case. */
    public static Optional<ByteSize> byteSize(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        long unit = unitOf(value);
        String number = unit == 1 ? value : value.substring(0, value.length() - 2);
        return bigInteger(number).filter(n -> n.signum() >= 0).flatMap(n -> scaled(n, unit));
    }

    private static long unitOf(String lowerCaseSize) {
        if (lowerCaseSize.endsWith("kb")) {
            return 1024L;
        }
        if (lowerCaseSize.endsWith("mb")) {
            return 1024L * 1024;
        }
        return lowerCaseSize.endsWith("gb") ? 1024L * 1024 * 1024 : 1;
    }

    private static Optional<ByteSize> scaled(BigInteger number, long unit) {
        BigInteger bytes = number.multiply(BigInteger.valueOf(unit));
        return bytes.bitLength() < 64 ? Optional.of(new ByteSize(bytes.longValue())) : Optional.empty();
    }

    /** {@code octal_type()} for a umask, written back as three octal digits ({@code 022}). */
    public static Optional<String> umask(String text) {
        var matcher = PYTHON_OCTAL.matcher(PythonText.strip(text));
        if (!matcher.matches() || "-".equals(matcher.group(1))) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(matcher.group(2).replace("_", ""), 8);
        if (value.compareTo(BigInteger.valueOf(MAX_UMASK)) > 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("%03o", value.intValue()));
    }
}
