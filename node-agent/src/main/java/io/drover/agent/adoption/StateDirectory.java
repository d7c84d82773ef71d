package io.drover.agent.adoption;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.json.Json;
import io.drover.api.model.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's memory of its running processes, one JSON file per process at
 * {@code <stateDir>/processes/<app>/<process>.json}. Each file is written to a temporary file and renamed over the
 * old one, so a crash mid-write leaves the previous version or the new one, never half of one. No fsync: the files
 * only have to survive an agent crash, and after an OS crash none of the processes they describe exists anyway.
 */
public final class StateDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);
    private static final String SUFFIX = ".json";

    private final Path processes;
    private final ObjectMapper mapper = Json.mapper();

    public StateDirectory(Path root) {
        this.processes = root.resolve("processes");
    }

    /** A file that could not be read back: reported, then removed so it is not reported forever. */
    public record Unreadable(Path file, String reason) {
    }

    /** What {@link #readAll()} found. */
    public record Contents(List<AdoptionRecord> records, List<Unreadable> unreadable) {
    }

    public void write(AdoptionRecord record) {
        Path file = fileOf(record.application(), record.processName());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temporary, mapper.writeValueAsBytes(record));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete(String application, String process) {
        Path file = fileOf(application, process);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the state file {}: {}", file, e.toString());
        }
    }

    /** Every record of the directory; left-over temporary files are removed. */
    public Contents readAll() {
        List<AdoptionRecord> records = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        if (!Files.isDirectory(processes)) {
            return new Contents(records, unreadable);
        }
        try (DirectoryStream<Path> applications = Files.newDirectoryStream(processes)) {
            for (Path application : applications) {
                if (!Files.isDirectory(application)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(application)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (!name.endsWith(SUFFIX)) {
                            Files.deleteIfExists(file);
                            continue;
                        }
                        try {
                            records.add(mapper.readValue(file.toFile(), AdoptionRecord.class));
                        } catch (IOException | RuntimeException e) {
                            unreadable.add(new Unreadable(file, e.getMessage()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state directory " + processes + ": " + e.getMessage(), e);
        }
        return new Contents(records, unreadable);
    }

    /** Removes an unreadable file once reported. */
    public void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the state file {}: {}", file, e.toString());
        }
    }

    private Path fileOf(String application, String process) {
        // names are checked, so they cannot climb out of the directory with '..' or '/'
        return processes.resolve(Names.require("application", application))
                .resolve(Names.require("process", process) + SUFFIX);
    }
}
