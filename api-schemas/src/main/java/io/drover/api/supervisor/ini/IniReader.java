package io.drover.api.supervisor.ini;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one file into an {@link IniDocument} the way Python 3's {@code RawConfigParser} does with the settings
 * Supervisor gives it ({@code inline_comment_prefixes=(';', '#')}, {@code strict=False}): same comment rules, same
 * continuation lines, same merging of repeated sections and options. A file that ConfigParser would accept yields
 * the same sections and values here; a line it would refuse is reported with its file and line.
 */
public final class IniReader {

    // the header regex of Python 3.7 to 3.12, which Supervisor 4 runs on: text after ']' is ignored
    private static final Pattern SECTION = Pattern.compile("\\[([^]]+)]");
    // the option name is everything before the first '=' or ':'
    private static final Pattern OPTION = Pattern.compile("(.*?)\\s*([=:])\\s*(.*)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String[] COMMENT_PREFIXES = {"#", ";"};
    private static final String[] INLINE_COMMENT_PREFIXES = {";", "#"};

    private IniReader() {
    }

    /**
     * Reads {@code text} (the content of {@code origin}, named {@code fileName} in diagnostics) into {@code document}
     * and returns the section headers this file wrote.
     */
    public static List<IniHeader> read(String text, String fileName, Path origin, IniDocument document, Diagnostics diagnostics) {
        return new FileRead(fileName, origin, document, diagnostics).run(text);
    }

    /** Splits like Python's universal newlines: {@code \r\n}, {@code \r} and {@code \n} all end a line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Where ConfigParser cuts a line for comments, or -1 when nothing is cut. */
    static int commentStart(String line) {
        for (String prefix : COMMENT_PREFIXES) {
            if (PythonText.strip(line).startsWith(prefix)) {
                return 0;
            }
        }
        // Python looks at the first occurrence of every prefix, then the next ones, and stops at the first round that
        // finds one preceded by a blank: the same rounds give the same cut in odd lines such as "a;b ;c #d"
        int found = Integer.MAX_VALUE;
        Map<String, Integer> searchFrom = new LinkedHashMap<>();
        for (String prefix : INLINE_COMMENT_PREFIXES) {
            searchFrom.put(prefix, -1);
        }
        while (found == Integer.MAX_VALUE && !searchFrom.isEmpty()) {
            Map<String, Integer> next = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> entry : searchFrom.entrySet()) {
                int index = line.indexOf(entry.getKey(), entry.getValue() + 1);
                if (index < 0) {
                    continue;
                }
                next.put(entry.getKey(), index);
                if (index == 0 || PythonText.isSpace(line.charAt(index - 1))) {
                    found = Math.min(found, index);
                }
            }
            searchFrom = next;
        }
        return found == Integer.MAX_VALUE ? -1 : found;
    }

    /** The state of reading one file: the open section and the option that may still receive continuation lines. */
    private static final class FileRead {
        private final String fileName;
        private final Path origin;
        private final IniDocument document;
        private final Diagnostics diagnostics;
        private final List<IniHeader> headers = new ArrayList<>();
        private IniSection section;
        private PendingOption pending;
        private int indentLevel;

        FileRead(String fileName, Path origin, IniDocument document, Diagnostics diagnostics) {
            this.fileName = fileName;
            this.origin = origin;
            this.document = document;
            this.diagnostics = diagnostics;
        }

        List<IniHeader> run(String text) {
            List<String> lines = lines(text);
            for (int index = 0; index < lines.size(); index++) {
                if (!readLine(lines.get(index), index + 1)) {
                    break;
                }
            }
            flush();
            return headers;
        }

        /** Returns false when the rest of the file cannot be read (ConfigParser stops there too). */
        private boolean readLine(String line, int lineNumber) {
            int cut = commentStart(line);
            String value = PythonText.strip(cut < 0 ? line : line.substring(0, cut));
            if (value.isEmpty()) {
                // a blank line belongs to the value being read, unless the line held a comment
                if (cut < 0 && section != null && pending != null) {
                    pending.lines.add("");
                }
                return true;
            }
            int indent = PythonText.indentation(line);
            if (section != null && pending != null && indent > indentLevel) {
                pending.lines.add(value);
                return true;
            }
            indentLevel = indent;
            SourceLocation location = new SourceLocation(fileName, lineNumber, 0);
            Matcher header = SECTION.matcher(value);
            if (header.lookingAt()) {
                openSection(header, value, location);
                return true;
            }
            if (section == null) {
                diagnostics.error(location, "'" + abbreviate(value) + "' comes before any [section] header",
                        "start the file with a section header such as [program:name] or [group:name]");
                return false;
            }
            Matcher option = OPTION.matcher(value);
            if (!option.matches()) {
                diagnostics.error(location, "'" + abbreviate(value) + "' is neither a [section] header nor a 'name = value' option",
                        "write 'name = value' (or 'name: value'), indent it to continue the previous value,"
                                + " or start it with ';' or '#' to make it a comment");
                return true;
            }
            flush();
            String name = PythonText.lower(PythonText.rstrip(option.group(1)));
            if (name.isEmpty()) {
                diagnostics.error(location, "the option on this line has no name",
                        "write the option name before '" + option.group(2) + "'");
                return true;
            }
            pending = new PendingOption(section, name, location);
            pending.lines.add(PythonText.strip(option.group(3)));
            return true;
        }

        private void openSection(Matcher header, String value, SourceLocation location) {
            flush();
            String name = header.group(1);
            section = document.open(name, location);
            headers.add(new IniHeader(name, location));
            String rest = value.substring(header.end());
            if (!rest.isBlank()) {
                diagnostics.warning(location, "text after the section header [" + name + "] is ignored: '" + abbreviate(rest) + "'",
                        "remove it, or make it a comment with ';'");
            }
        }

        /** Stores the option being read, joined as ConfigParser joins it: lines with newlines, trailing blanks removed. */
        private void flush() {
            if (pending != null) {
                String text = PythonText.rstrip(String.join("\n", pending.lines));
                pending.section.put(pending.name, new IniValue(text, pending.location, origin));
                pending = null;
            }
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }

    private static final class PendingOption {
        final IniSection section;
        final String name;
        final SourceLocation location;
        final List<String> lines = new ArrayList<>();

        PendingOption(IniSection section, String name, SourceLocation location) {
            this.section = section;
            this.name = name;
            this.location = location;
        }
    }
}
