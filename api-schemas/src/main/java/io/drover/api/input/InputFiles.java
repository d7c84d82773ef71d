package io.drover.api.input;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.json.Json;
import io.drover.api.manifest.InputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and reads the files a user names: directories are searched recursively for the known extensions, files
 * larger than drover accepts are refused before they are read, binary and non-UTF-8 content is refused with a
 * sentence rather than a decoder's exception.
 */
public final class InputFiles {

    /** Stands for standard input in a list of files, as in {@code -f -}. */
    public static final String STDIN = "-";

    private InputFiles() {
    }

    /** The files to read for {@code names}, in a stable order; problems (missing files...) go to {@code diagnostics}. */
    public static List<Path> expand(List<String> names, Diagnostics diagnostics) {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            if (STDIN.equals(name)) {
                files.add(Path.of(STDIN));
                continue;
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> InputFormat.ofFileName(p.getFileName().toString()).isPresent())
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    diagnostics.error(SourceLocation.of(name), "cannot list the folder: " + e.getMessage(), null);
                }
            } else if (Files.isRegularFile(path)) {
                if (InputFormat.ofFileName(path.getFileName().toString()).isEmpty()) {
                    diagnostics.error(SourceLocation.of(name), "drover does not know what kind of file this is",
                            "name it with one of " + InputFormat.knownExtensions());
                } else {
                    files.add(path);
                }
            } else {
                diagnostics.error(SourceLocation.of(name), Files.exists(path) ? "not a regular file" : "no such file or folder",
                        "check the path");
            }
        }
        return withoutRepeats(files);
    }

    /** A file named twice (on its own and inside a folder given too) is read once. */
    private static List<Path> withoutRepeats(List<Path> files) {
        Set<Path> seen = new HashSet<>();
        List<Path> unique = new ArrayList<>();
        for (Path file : files) {
            if (STDIN.equals(file.toString()) || seen.add(file.toAbsolutePath().normalize())) {
                unique.add(file);
            }
        }
        return unique;
    }

    /** The text of {@code file} (or of standard input), or empty with the reason added to {@code diagnostics}. */
    public static Optional<String> readText(Path file, InputStream stdin, Diagnostics diagnostics) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (STDIN.equals(name)) {
                bytes = stdin.readNBytes(Json.MAX_DOCUMENT_CHARS + 1);
            } else {
                long size = Files.size(file);
                if (size > Json.MAX_DOCUMENT_CHARS) {
                    diagnostics.add(tooLarge(name, size));
                    return Optional.empty();
                }
                bytes = Files.readAllBytes(file);
            }
        } catch (IOException e) {
            diagnostics.error(SourceLocation.of(name), "cannot read: " + e.getMessage(), "check the file's permissions");
            return Optional.empty();
        }
        return decode(bytes, name, diagnostics);
    }

    /** Checks size, binary content and UTF-8 of {@code bytes} read from {@code name}. */
    public static Optional<String> decode(byte[] bytes, String name, Diagnostics diagnostics) {
        if (bytes.length > Json.MAX_DOCUMENT_CHARS) {
            diagnostics.add(tooLarge(name, bytes.length));
            return Optional.empty();
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                diagnostics.error(SourceLocation.of(name), "this is a binary file, not text",
                        "give drover YAML, JSON, Supvisors XML or Supervisor .ini/.conf text");
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            diagnostics.error(SourceLocation.of(name), "the file is not UTF-8 text", "save it as UTF-8");
            return Optional.empty();
        }
    }

    private static Diagnostic tooLarge(String name, long size) {
        return Diagnostic.error(SourceLocation.of(name), "the file is " + size + " bytes; drover reads files of at most "
                + Json.MAX_DOCUMENT_CHARS / (1024 * 1024) + " MiB", "split it into several files");
    }
}
