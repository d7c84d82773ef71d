package io.drover.cli.offline.breed;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.supervisor.config.TextFiles;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniHeader;
import io.drover.api.supervisor.ini.IniReader;
import io.drover.api.supervisor.ini.IniSection;
import io.drover.api.supervisor.ini.IniValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads template files with drover's Supervisor ini reader, one document per file as supvisors_breed keeps one
 * ConfigParser per file. That reader gives sections and options in written order, values joined as ConfigParser
 * joins them, and errors with file and line. It cuts inline comments ({@code ; ...}) as supervisord does, where
 * supvisors_breed would copy them into the values; supervisord reads both outputs the same way.
 */
public final class TemplateReader {

    private TemplateReader() {
    }

    /**
     * Reads {@code relative} under {@code root}, naming it {@code displayName} in diagnostics; empty when it cannot
     * be read (the reason is in {@code diagnostics}).
     */
    public static Optional<IniFile> read(Path root, Path relative, String displayName, Diagnostics diagnostics) {
        Path path = root.resolve(relative);
        Optional<String> text = TextFiles.read(path, displayName, diagnostics);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        IniDocument document = new IniDocument();
        List<IniHeader> headers = IniReader.read(text.get(), displayName, path, document, diagnostics);
        warnRepeatedSections(headers, diagnostics);
        List<Section> sections = new ArrayList<>();
        for (IniSection section : document.sections()) {
            sections.add(new Section(section.name(), texts(section), section.header()));
        }
        Map<String, String> defaults = document.defaults().map(TemplateReader::texts).orElse(Map.of());
        return Optional.of(new IniFile(relative, defaults, sections));
    }

    private static Map<String, String> texts(IniSection section) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, IniValue> option : section.options().entrySet()) {
            options.put(option.getKey(), option.getValue().text());
        }
        return options;
    }

    /**
     * supvisors_breed stops on a section written twice in one file; supervisord merges them. Breed merges too, as the
     * output must mean what supervisord read, but says so because the output then differs from the input's layout.
     */
    private static void warnRepeatedSections(List<IniHeader> headers, Diagnostics diagnostics) {
        Map<String, IniHeader> first = new HashMap<>();
        for (IniHeader header : headers) {
            IniHeader earlier = first.putIfAbsent(header.name(), header);
            if (earlier != null) {
                diagnostics.warning(header.location(), "[" + header.name() + "] is opened again (first at line "
                                + earlier.location().line() + "); its options are merged into one section, as supervisord does",
                        "write the options of [" + header.name() + "] in one section");
            }
        }
    }
}
