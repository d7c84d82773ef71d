package io.drover.api.supervisor.config;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a configuration file as text, refusing what is not one before any parsing: files larger than drover accepts
 * for any document, binary content and text that is not UTF-8.
 */
public final class TextFiles {

    /** Same bound as every other document drover reads. */
    public static final int MAX_BYTES = Json.MAX_DOCUMENT_CHARS;

    private TextFiles() {
    }

    /** The text of {@code path}, or empty after adding an error to {@code diagnostics}. */
    public static Optional<String> read(Path path, String fileName, Diagnostics diagnostics) {
        SourceLocation where = SourceLocation.of(fileName);
        if (Files.isDirectory(path)) {
            diagnostics.error(where, "is a directory, not a configuration file",
                    "give the path of a Supervisor .conf or .ini file");
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            diagnostics.error(where, "no such file", "check the path");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                diagnostics.error(where, tooLarge(size), "split it into smaller files joined with an [include] section");
                return Optional.empty();
            }
            bytes = readAtMost(path, MAX_BYTES + 1);
        } catch (IOException e) {
            diagnostics.error(where, "cannot be read: " + e.getMessage(), "check that the file exists and is readable");
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            // the file grew after its size was checked
            diagnostics.error(where, tooLarge(bytes.length), "split it into smaller files joined with an [include] section");
            return Optional.empty();
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diagnostics.error(where, "is not a text file (byte " + i + " is NUL)",
                        "give the path of a Supervisor .conf or .ini text file");
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            diagnostics.error(where, "is not UTF-8 text", "save the file as UTF-8, or check that it is a configuration file");
            return Optional.empty();
        }
    }

    private static String tooLarge(long size) {
        return "is " + size + " bytes long; drover reads configuration files of at most " + MAX_BYTES + " bytes (4 MiB)";
    }

    private static byte[] readAtMost(Path path, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(limit);
        }
    }
}
