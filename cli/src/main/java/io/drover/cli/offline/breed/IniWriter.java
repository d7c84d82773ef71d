package io.drover.cli.offline.breed;

import java.util.Map;

/**
 * Writes a file as Python's {@code ConfigParser.write} does, which is what Supvisors' generated files look like:
 * {@code [DEFAULT]} first when it has options, {@code key = value}, continuation lines indented with a tab, and a
 * blank line after every section.
 */
public final class IniWriter {

    private IniWriter() {
    }

    public static String write(IniFile file) {
        StringBuilder out = new StringBuilder();
        if (!file.defaults().isEmpty()) {
            section(out, "DEFAULT", file.defaults());
        }
        for (Section section : file.sections()) {
            section(out, section.name(), section.options());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String name, Map<String, String> options) {
        out.append('[').append(name).append("]\n");
        options.forEach((key, value) -> out.append(key).append(" = ").append(value.replace("\n", "\n\t")).append('\n'));
        out.append('\n');
    }
}
