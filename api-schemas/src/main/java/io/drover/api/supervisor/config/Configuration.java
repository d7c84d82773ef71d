package io.drover.api.supervisor.config;

import io.drover.api.supervisor.ini.IniDocument;
import java.nio.file.Path;
import java.util.List;

/**
 * One supervisord configuration as read for one machine: its main file, the merged sections of that file and of
 * every file its [include] section selected, and the files read, in reading order.
 */
public record Configuration(Path mainFile, IniDocument document, List<Path> files) {

    public Configuration {
        files = List.copyOf(files);
    }
}
