package io.drover.cli.offline.breed;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What breeding gives: the files to write (relative to the destination), the template files left without any
 * section (not written, as in supvisors_breed) and, per template group, the names of its copies.
 */
public record BreedResult(List<IniFile> files, List<Path> leftEmpty, Map<String, List<String>> copies) {

    public BreedResult {
        files = List.copyOf(files);
        leftEmpty = List.copyOf(leftEmpty);
        // in --breed order, which the report keeps
        copies = Collections.unmodifiableMap(new LinkedHashMap<>(copies));
    }
}
