package io.drover.api.supervisor.config;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.supervisor.expand.ExpansionError;
import io.drover.api.supervisor.expand.Expansions;
import io.drover.api.supervisor.expand.HostEnvironment;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniHeader;
import io.drover.api.supervisor.ini.IniReader;
import io.drover.api.supervisor.ini.IniSection;
import io.drover.api.supervisor.ini.IniValue;
import io.drover.api.supervisor.ini.PythonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a main configuration file and the files its {@code [include]} section selects, as supervisord's
 * {@code read_include_config} does: the patterns are expanded with {@code here}, {@code host_node_name} and
 * {@code ENV_X}, taken relative to the main file's directory, and the files each pattern matches are read in sorted
 * order into the same parser, later values winning. supervisord reads the [include] section of the main file only:
 * an [include] in an included file is not followed, which also means includes can never loop.
 */
public final class ConfigurationReader {

    /** More files than any real configuration has; a pattern selecting more is most likely a mistake. */
    public static final int MAX_INCLUDED_FILES = 1000;
    private static final String INCLUDE = "include";
    private static final String FILES = "files";

    private ConfigurationReader() {
    }

    /**
     * Reads {@code mainFile} (named {@code fileName} in diagnostics) for the machine {@code host}. Empty when the main
     * file itself cannot be read.
     */
    public static Optional<Configuration> read(Path mainFile, String fileName, HostEnvironment host, Diagnostics diagnostics) {
        Path main = mainFile.toAbsolutePath().normalize();
        Optional<String> text = TextFiles.read(main, fileName, diagnostics);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        IniDocument document = new IniDocument();
        IniReader.read(text.get(), fileName, main, document, diagnostics);
        List<Path> files = new ArrayList<>(List.of(main));
        Optional<IniSection> include = document.section(INCLUDE);
        if (include.isPresent()) {
            new Includes(main, Path.of(fileName).getParent(), document, diagnostics, files).read(include.get(), host);
        }
        return Optional.of(new Configuration(main, document, files));
    }

    /**
     * Reads loose configuration fragments (program and group .ini files handed over without the supervisord .conf
     * that would include them) as one configuration, the way an [include] section listing them would. Their own
     * [include] sections are not followed, as supervisord does not follow them in included files. Empty when none of
     * the files can be read.
     */
    public static Optional<Configuration> readTogether(List<Path> fragments, HostEnvironment host, Diagnostics diagnostics) {
        IniDocument document = new IniDocument();
        List<Path> files = new ArrayList<>();
        for (Path fragment : fragments) {
            Path file = fragment.toAbsolutePath().normalize();
            String fileName = fragment.toString();
            Optional<String> text = TextFiles.read(file, fileName, diagnostics);
            if (text.isEmpty()) {
                continue;
            }
            for (IniHeader header : IniReader.read(text.get(), fileName, file, document, diagnostics)) {
                if (INCLUDE.equals(header.name())) {
                    diagnostics.warning(header.location(), "this file is read as a fragment, so its [include] section is"
                            + " not followed", "name it with the .conf extension to read it as a main supervisord file");
                }
            }
            files.add(file);
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Configuration(files.get(0), document, files));
    }

    /** Follows the [include] section of one main file. */
    private record Includes(Path main, Path displayBase, IniDocument document, Diagnostics diagnostics, List<Path> files) {

        void read(IniSection include, HostEnvironment host) {
            Optional<IniValue> value = document.value(include, FILES);
            if (value.isEmpty()) {
                diagnostics.error(include.header(), "the [include] section has no 'files' option",
                        "add 'files = ' followed by the paths or patterns to include, relative to this file");
                return;
            }
            String patterns;
            try {
                patterns = Expansions.resolve(value.get().text(),
                        Expansions.lookup(Map.of(Expansions.HERE, value.get().here()), host::lookup),
                        "%(here)s, %(host_node_name)s and %(ENV_<NAME>)s");
            } catch (ExpansionError e) {
                diagnostics.error(value.get().location(), "[include] files: " + e.getMessage(), e.hint());
                return;
            }
            Path base = main.getParent();
            int count = 0;
            for (String pattern : PythonText.split(patterns)) {
                List<Path> matches = Glob.match(base.resolve(pattern));
                if (matches.isEmpty()) {
                    // supervisord only logs this; a node may legitimately lack some of the files
                    diagnostics.warning(value.get().location(), "no file matches the include pattern '" + pattern + "'",
                            "nothing is read for it, as with supervisord; check the pattern if files are missing");
                }
                for (Path match : matches) {
                    if (++count > MAX_INCLUDED_FILES) {
                        diagnostics.error(value.get().location(), "the include patterns select more than "
                                + MAX_INCLUDED_FILES + " files", "select the configuration files more narrowly");
                        return;
                    }
                    readIncluded(match, value.get());
                }
            }
        }

        private void readIncluded(Path match, IniValue includeFiles) {
            String fileName = displayName(match);
            if (Files.isDirectory(match)) {
                diagnostics.warning(includeFiles.location(), "the include patterns select the directory " + fileName
                        + ", which supervisord skips", "select files, for example '" + fileName + "/*.ini'");
                return;
            }
            Path file = match.toAbsolutePath().normalize();
            if (file.equals(main)) {
                diagnostics.warning(includeFiles.location(), "the include patterns select the main file " + fileName
                        + " itself; supervisord reads it once more, which changes nothing",
                        "narrow the pattern so that it selects only the files to include");
            }
            Optional<String> text = TextFiles.read(file, fileName, diagnostics);
            if (text.isEmpty()) {
                return;
            }
            List<IniHeader> headers = IniReader.read(text.get(), fileName, file, document, diagnostics);
            for (IniHeader header : headers) {
                if (INCLUDE.equals(header.name()) && !file.equals(main)) {
                    diagnostics.warning(header.location(), "supervisord does not follow an [include] section in an included file;"
                            + " the files it names are not read", "move its patterns to the [include] section of "
                            + main.getFileName());
                }
            }
            files.add(file);
        }

        /** The included file named relative to how the main file was named, so diagnostics read like the user's paths. */
        private String displayName(Path match) {
            Path base = main.getParent();
            if (!match.startsWith(base)) {
                return match.toString();
            }
            Path relative = base.relativize(match);
            return displayBase == null ? relative.toString() : displayBase.resolve(relative).toString();
        }
    }
}
