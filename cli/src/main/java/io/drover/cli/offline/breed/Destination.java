package io.drover.cli.offline.breed;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The destination folder of breed. Everything that can be checked is checked before the first file is written, so
 * that a refused run leaves the destination as it was. Files already there are overwritten, as supvisors_breed does.
 */
public final class Destination {

    private final Path root;

    /** {@code root} as given on the command line: diagnostics name the files under it the same way. */
    public Destination(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** How users see {@code relative} under the destination. */
    public String display(Path relative) {
        return root.resolve(relative).toString();
    }

    /**
     * The problems that would stop {@code files} from being written: a folder or a file in the way, a file that
     * cannot be overwritten, or a template file that the output would replace.
     */
    public Diagnostics check(List<IniFile> files, Set<Path> templateFiles) {
        Diagnostics diagnostics = new Diagnostics();
        Set<Path> templates = new HashSet<>();
        for (Path template : templateFiles) {
            templates.add(resolved(template));
        }
        for (IniFile file : files) {
            Path target = root.resolve(file.relative());
            SourceLocation where = SourceLocation.of(target.toString());
            Path blocking = blockingFile(target);
            if (blocking != null) {
                diagnostics.error(SourceLocation.of(blocking.toString()), "is a file, where breed needs a folder to write "
                        + target, "move that file away, or choose another --destination");
            } else if (Files.isDirectory(target)) {
                diagnostics.error(where, "is a folder, where breed must write a file", "move that folder away, or choose"
                        + " another --destination");
            } else if (templates.contains(resolved(target))) {
                diagnostics.error(where, "is a template file read by this breed, and would be overwritten",
                        "choose a --destination outside the template files");
            } else if (Files.exists(target) && !Files.isWritable(target)) {
                diagnostics.error(where, "exists and cannot be overwritten", "make it writable, or choose another --destination");
            }
        }
        return diagnostics;
    }

    /**
     * Files already in the destination that this run does not write but that look like its output: those matching
     * the pattern, and copies of the bred groups (an earlier run with more copies leaves {@code group_APP_05.ini}).
     * supervisord would still read them, so they are worth a warning.
     */
    public List<Path> leftovers(TemplateGlob glob, List<IniFile> written, List<BreedCount> counts) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<String> writing = written.stream().map(IniFile::name).collect(Collectors.toSet());
        Pattern copies = Pattern.compile(counts.stream()
                .map(count -> Pattern.quote(count.templateSection().replace(':', '_')) + "_[0-9]{2,}\\.ini")
                .collect(Collectors.joining("|")));
        List<Path> found = new ArrayList<>();
        for (Path relative : TemplateGlob.compile("**/*").find(root)) {
            String name = TemplateGlob.slashed(relative);
            if (!writing.contains(name) && (glob.matches(name) || copies.matcher(relative.getFileName().toString()).matches())) {
                found.add(relative);
            }
        }
        return found;
    }

    /** Writes {@code file} under the destination, creating its folders. */
    public Path write(IniFile file) throws IOException {
        Path target = root.resolve(file.relative());
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, IniWriter.write(file), StandardCharsets.UTF_8);
        return target;
    }

    /** Whether {@code folder} is {@code ancestor} or lies inside it, links resolved as far as the paths exist. */
    public static boolean isInside(Path folder, Path ancestor) {
        return resolved(folder).startsWith(resolved(ancestor));
    }

    /** The first existing path from the destination down to {@code target} that is not a folder, or null. */
    private Path blockingFile(Path target) {
        Path parent = target.getParent();
        List<Path> chain = new ArrayList<>();
        for (Path p = parent; p != null; p = p.getParent()) {
            chain.add(0, p);
            if (p.equals(root)) {
                break;
            }
        }
        for (Path p : chain) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The absolute path with links resolved in its existing part: where the path really is, or would be. */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
