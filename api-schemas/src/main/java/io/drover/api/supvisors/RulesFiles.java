package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a rules file from disk, never more than the size limit, whatever the file claims to be. */
final class RulesFiles {

    private RulesFiles() {
    }

    static byte[] read(Path file) {
        String shown = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw unreadable(shown, "is a directory, not a rules file", "give the path of the XML rules file");
            }
            long size = Files.size(file);
            if (size > RawContent.MAX_BYTES) {
                throw new InvalidInputException(RawContent.tooLarge(size, shown));
            }
            // a file that grows while read, or a device that reports size 0, still stops at the limit
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes(RawContent.MAX_BYTES + 1);
                if (content.length > RawContent.MAX_BYTES) {
                    throw new InvalidInputException(RawContent.largerThanTheLimit(shown));
                }
                return content;
            }
        } catch (NoSuchFileException e) {
            throw unreadable(shown, "does not exist", "check the path of the rules file");
        } catch (AccessDeniedException e) {
            throw unreadable(shown, "cannot be read: permission denied", "check the permissions of the rules file");
        } catch (IOException e) {
            throw unreadable(shown, "cannot be read: " + e.getMessage(), null);
        }
    }

    private static InvalidInputException unreadable(String file, String what, String hint) {
        return new InvalidInputException(Diagnostic.error(SourceLocation.of(file), "the file " + what, hint));
    }
}
