package io.drover.cli.offline;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.cli.offline.breed.BreedCount;
import io.drover.cli.offline.breed.BreedResult;
import io.drover.cli.offline.breed.Breeder;
import io.drover.cli.offline.breed.Destination;
import io.drover.cli.offline.breed.IniFile;
import io.drover.cli.offline.breed.Section;
import io.drover.cli.offline.breed.TemplateGlob;
import io.drover.cli.offline.breed.TemplateReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover breed}: Supvisors' supvisors_breed. Supervisor has no group of N identical applications, so N copies
 * are N {@code [group:...]} sections; breed writes them from a template. Unlike supvisors_breed it refuses what it
 * cannot breed (an unknown group, a name clash, a malformed file) instead of ignoring it, and then writes nothing.
 */
@Command(name = "breed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Duplicates [group:APP] sections of Supervisor .ini templates into APP_01 ... APP_NN and writes"
                + " the files under the destination folder, as Supvisors' supvisors_breed does.",
                ""},
        footer = {"",
                "Only [group:...] sections are bred. Every copy lists the same programs (and keeps the template's"
                        + " priority); program sections are shared by all copies, not duplicated. Other sections are"
                        + " copied unchanged, written as 'key = value' as Python's ConfigParser writes them; comments"
                        + " are not kept. Template files left without any section are not written.",
                "",
                "Every file is written at its relative path under the destination. A file already there is"
                        + " overwritten, as supvisors_breed does; other files there are kept, and those that look like"
                        + " output of an earlier run (e.g. group_APP_05.ini after breeding fewer copies) are listed as"
                        + " warnings. Nothing is written when an input is refused.",
                "",
                "Declarative equivalent: a drover manifest of kind ApplicationSet (replicas: N, nameTemplate:"
                        + " \"APP_{index:02}\") makes the same N applications without generating files.",
                "",
                "Example (Supvisors' scenario 2):",
                "  drover breed -t template_etc -p 'server/*.ini' -d etc -b scen2_srv=3 -x",
                "",
                "Exit status: 0 when the files are written (or no file matches), 1 when an input is refused (each"
                        + " problem printed as file:line with a hint), 2 on a command-line mistake."})
public final class BreedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--template"}, required = true, paramLabel = "DIR",
            description = "The folder holding the template .ini files.")
    Path template;

    @Option(names = {"-p", "--pattern"}, paramLabel = "GLOB", defaultValue = "**/*.ini",
            description = "The template files, relative to the template folder; '**' is any number of folders"
                    + " (default: ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = {"-d", "--destination"}, required = true, paramLabel = "DIR",
            description = "The folder to write to (created if needed); it must not lie inside the template folder.")
    Path destination;

    @Option(names = {"-b", "--breed"}, required = true, arity = "1..*", paramLabel = "APP=N",
            description = "Breed [group:APP] into N groups APP_01 ... APP_NN (N from 1 to " + BreedCount.MAX_COPIES
                    + "). Several may follow one -b.")
    List<String> breed = new ArrayList<>();

    @Option(names = {"-x", "--extra"},
            description = "Write each copy in a new file group_APP_NN.ini beside its template, instead of in the"
                    + " template's file.")
    boolean extra;

    @Option(names = {"-v", "--verbose"}, description = "Tell which files are read, which groups are made and which"
            + " files are written.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        List<BreedCount> counts = counts();
        TemplateGlob glob = glob();
        checkFolders();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> found = glob.find(template);
        if (found.isEmpty()) {
            out.println("No configuration files found");
            if (verbose) {
                out.println("(no file under " + template + " matches '" + glob.pattern() + "')");
            }
            out.flush();
            return 0;
        }
        List<IniFile> files = read(found, err);
        BreedResult result = Breeder.breed(files, counts, extra);
        Destination target = new Destination(destination);
        Set<Path> templateFiles = new HashSet<>();
        found.forEach(relative -> templateFiles.add(template.resolve(relative)));
        target.check(result.files(), templateFiles).throwIfErrors();
        for (Path leftover : target.leftovers(glob, result.files(), counts)) {
            err.println(Diagnostic.warning(SourceLocation.of(target.display(leftover)),
                    "was not written by this breed and stays in the destination",
                    "delete it if an earlier breed made it: supervisord would still read it").format());
        }
        err.flush();
        report(files, result, target, out);
        return 0;
    }

    private List<BreedCount> counts() {
        Map<String, BreedCount> counts = new LinkedHashMap<>();
        for (String text : breed) {
            BreedCount count;
            try {
                count = BreedCount.parse(text);
            } catch (IllegalArgumentException e) {
                throw usage("--breed " + e.getMessage());
            }
            BreedCount earlier = counts.putIfAbsent(count.application(), count);
            if (earlier != null) {
                throw usage("--breed names " + count.application() + " twice (" + earlier + " and " + count
                        + "); give each group once");
            }
        }
        return List.copyOf(counts.values());
    }

    private TemplateGlob glob() {
        try {
            return TemplateGlob.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw usage("--pattern: " + e.getMessage());
        }
    }

    private void checkFolders() {
        if (!Files.isDirectory(template)) {
            throw usage("--template '" + template + "' is not a folder" + (Files.exists(template) ? "" : " (it does not exist)")
                    + "; give the folder holding the template .ini files");
        }
        if (Files.exists(destination) && !Files.isDirectory(destination)) {
            throw usage("--destination '" + destination + "' is a file; give a folder (it is created if needed)");
        }
        // a destination inside the template would be read back as templates by the next run
        if (Destination.isInside(destination, template)) {
            throw usage("--destination '" + destination + "' lies inside --template '" + template
                    + "'; write the bred files outside the template folder");
        }
    }

    private List<IniFile> read(List<Path> found, PrintWriter err) {
        Diagnostics diagnostics = new Diagnostics();
        List<IniFile> files = new ArrayList<>();
        for (Path relative : found) {
            TemplateReader.read(template, relative, template.resolve(relative).toString(), diagnostics).ifPresent(files::add);
        }
        diagnostics.throwIfErrors();
        diagnostics.warnings().forEach(warning -> err.println(warning.format()));
        return files;
    }

    private void report(List<IniFile> files, BreedResult result, Destination target, PrintWriter out) throws IOException {
        if (verbose) {
            for (IniFile file : files) {
                List<String> groups = file.sections().stream().filter(Section::isGroup).map(Section::name).toList();
                out.println("read " + template.resolve(file.relative()) + ": " + file.sections().size() + " section(s)"
                        + (groups.isEmpty() ? "" : ", groups " + String.join(", ", groups)));
            }
            result.copies().forEach((group, names) -> out.println("bred [" + group + "] into [" + String.join("], [", names) + "]"));
            result.leftEmpty().forEach(relative -> out.println("not written, no section left: "
                    + template.resolve(relative)));
        }
        for (IniFile file : result.files()) {
            Path written = target.write(file);
            if (verbose) {
                out.println("wrote " + written);
            }
        }
        int groups = result.copies().values().stream().mapToInt(List::size).sum();
        out.printf("bred %d group(s) into %d; wrote %d file(s) under %s%n", result.copies().size(), groups,
                result.files().size(), target);
        out.flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
