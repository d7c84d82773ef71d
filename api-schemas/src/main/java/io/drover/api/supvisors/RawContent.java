package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.json.Json;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks made on the bytes before any XML parsing: the size limit (so a huge file costs no memory beyond the
 * limit), and the two cases where the parser's own message would be cryptic (an empty file, a binary file).
 */
final class RawContent {

    /** The largest rules file read, in bytes: the document limit of every drover input. */
    static final int MAX_BYTES = Json.MAX_DOCUMENT_CHARS;

    private RawContent() {
    }

    static Optional<Diagnostic> problem(byte[] content, String file) {
        if (content.length > MAX_BYTES) {
            return Optional.of(tooLarge(content.length, file));
        }
        if (isBlank(content)) {
            return Optional.of(Diagnostic.error(new SourceLocation(file, 1, 1), "the file is empty",
                    "a rules file is XML text with <root> as its outermost element, holding <alias>, <model> and"
                            + " <application> elements"));
        }
        int nul = firstNulByte(content);
        if (nul >= 0) {
            return Optional.of(Diagnostic.error(positionOf(content, nul, file),
                    "the file holds binary data (a NUL byte), not XML text",
                    "give the Supvisors rules file itself: XML text with <root> as its outermost element"));
        }
        return Optional.empty();
    }

    static Diagnostic tooLarge(long size, String file) {
        return tooLarge("the file is " + bytes(size), file);
    }

    /** For content that was cut at the limit while read: its real size is unknown. */
    static Diagnostic largerThanTheLimit(String file) {
        return tooLarge("the file is larger than " + bytes(MAX_BYTES), file);
    }

    private static Diagnostic tooLarge(String size, String file) {
        return Diagnostic.error(SourceLocation.of(file), size + "; a rules file may be at most " + bytes(MAX_BYTES),
                "Supvisors rules files are a few kilobytes: check that this is the right file, or split the rules"
                        + " into several files");
    }

    private static String bytes(long size) {
        return String.format(Locale.ROOT, "%,d bytes (%.1f MiB)", size, size / (1024.0 * 1024.0));
    }

    private static boolean isBlank(byte[] content) {
        int start = startsWithUtf8Bom(content) ? 3 : 0;
        for (int i = start; i < content.length; i++) {
            byte b = content[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The first NUL byte, or -1; UTF-16 and UTF-32 text legitimately holds NUL bytes and is left to the parser. */
    private static int firstNulByte(byte[] content) {
        if (looksLikeWideText(content)) {
            return -1;
        }
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean looksLikeWideText(byte[] content) {
        if (content.length < 2) {
            return false;
        }
        int first = content[0] & 0xff;
        int second = content[1] & 0xff;
        boolean byteOrderMark = (first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe);
        boolean lessThanSign = (first == 0 && second == '<') || (first == '<' && second == 0)
                || (first == 0 && second == 0);
        return byteOrderMark || lessThanSign;
    }

    private static boolean startsWithUtf8Bom(byte[] content) {
        return content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf;
    }

    private static SourceLocation positionOf(byte[] content, int offset, String file) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(file, line, offset - lineStart + 1);
    }
}
