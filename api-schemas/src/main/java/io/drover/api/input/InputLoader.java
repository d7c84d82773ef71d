package io.drover.api.input;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.manifest.ApplicationSets;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.RuleSetValidator;
import io.drover.api.source.Sourced;
import io.drover.api.supervisor.ImportResult;
import io.drover.api.supervisor.NodeConfig;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.api.supvisors.SupvisorsRulesReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the files a user names, in any of drover's input languages, and checks them together: drover manifests
 * (YAML/JSON), Supvisors rules files (XML) and Supervisor configuration (.conf/.ini). Every problem of every file is
 * reported at once; nothing is returned unless all of them are valid.
 */
public final class InputLoader {

    private final Map<String, String> environment;
    private final List<NodeConfig> nodeConfigs;
    private final InputStream stdin;
    private final SupervisorImporter importer;

    /**
     * @param environment variables for {@code %(ENV_X)s} in Supervisor files
     * @param nodeConfigs which supervisord configuration each node uses; empty to import Supervisor files for every node
     * @param stdin       what {@code -} reads (YAML or JSON manifests)
     * @param importer    the Supervisor importer ({@code %(host_node_name)s} of plain file imports comes from it)
     */
    public InputLoader(Map<String, String> environment, List<NodeConfig> nodeConfigs, InputStream stdin,
                       SupervisorImporter importer) {
        this.environment = Map.copyOf(environment);
        this.nodeConfigs = List.copyOf(nodeConfigs);
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.importer = Objects.requireNonNull(importer, "importer");
    }

    /** A loader with this process's environment, no node mapping and this process's standard input. */
    public static InputLoader standard() {
        return new InputLoader(System.getenv(), List.of(), System.in, new SupervisorImporter());
    }

    /** Reads and checks {@code names} (files, folders searched recursively, {@code -} for standard input). */
    public LoadedInputs load(List<String> names) {
        Diagnostics diagnostics = new Diagnostics();
        List<Path> files = InputFiles.expand(names, diagnostics);
        if (files.isEmpty() && nodeConfigs.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(SourceLocation.unknown(), "no input file found in " + String.join(", ", names),
                    "name files or folders holding " + InputFormat.knownExtensions());
        }
        Collected collected = new Collected();
        List<Path> supervisorFiles = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            InputFormat format = InputFiles.STDIN.equals(file.toString()) ? InputFormat.YAML
                    : InputFormat.ofFileName(file.getFileName().toString()).orElseThrow();
            if (format == InputFormat.SUPERVISOR_INI) {
                supervisorFiles.add(file);
                continue;
            }
            read.add(file);
            Optional<String> text = InputFiles.readText(file, stdin, diagnostics);
            if (text.isEmpty()) {
                continue;
            }
            try {
                if (format == InputFormat.SUPVISORS_XML) {
                    collected.ruleSets.add(new SupvisorsRulesReader().read(text.get().getBytes(StandardCharsets.UTF_8),
                            file.toString()));
                } else {
                    new ManifestReader().read(text.get(), displayName(file), format).forEach(collected::add);
                }
            } catch (InvalidInputException e) {
                diagnostics.addAll(e.diagnostics());
            }
        }
        importSupervisor(supervisorFiles, collected, diagnostics, read);
        checkTogether(collected, diagnostics);
        diagnostics.throwIfErrors();
        return new LoadedInputs(collected.applications, collected.applicationSets, collected.ruleSets,
                diagnostics.warnings(), read);
    }

    private void importSupervisor(List<Path> files, Collected collected, Diagnostics diagnostics, List<Path> read) {
        if (files.isEmpty() && nodeConfigs.isEmpty()) {
            return;
        }
        try {
            ImportResult result;
            if (nodeConfigs.isEmpty()) {
                result = importer.importFileSet(files, environment);
            } else {
                result = importer.importNodes(nodeConfigs, environment);
                Set<Path> covered = new HashSet<>();
                result.files().forEach(f -> covered.add(f.toAbsolutePath().normalize()));
                for (Path file : files) {
                    if (!covered.contains(file.toAbsolutePath().normalize())) {
                        // a folder given whole holds variants no node uses (scenario 2's *_mc.conf): say so, go on
                        diagnostics.warning(SourceLocation.of(file.toString()), "ignored: this Supervisor file is not"
                                + " part of the configuration of any mapped node", "map the configuration that includes it"
                                + " to a node with --node NODE=FILE if its programs should run");
                    }
                }
            }
            diagnostics.addAll(result.warnings());
            read.addAll(result.files());
            collected.applications.addAll(result.applications());
        } catch (InvalidInputException e) {
            diagnostics.addAll(e.diagnostics());
        }
    }

    /** Checks that only hold across files: unique names, rule references, application rules against the rule sets. */
    private static void checkTogether(Collected collected, Diagnostics diagnostics) {
        if (diagnostics.hasErrors()) {
            // cross-file checks over a partial set would mostly repeat the errors already found
            return;
        }
        UniqueNames applicationNames = new UniqueNames("application", diagnostics);
        collected.applications.forEach(a -> applicationNames.claim(a.value().name(), a.sourceMap().start()));
        UniqueNames setNames = new UniqueNames("application set", diagnostics);
        for (Sourced<ApplicationSet> set : collected.applicationSets) {
            setNames.claim(set.value().name(), set.sourceMap().start());
            for (Application application : ApplicationSets.expand(set.value())) {
                applicationNames.claimFromSet(application.name(), set.value().name(), set.sourceMap().start());
            }
        }
        UniqueNames ruleSetNames = new UniqueNames("rule set", diagnostics);
        collected.ruleSets.forEach(r -> ruleSetNames.claim(r.value().name(), r.sourceMap().start()));
        if (diagnostics.hasErrors()) {
            return;
        }
        RuleSetValidator validator = new RuleSetValidator();
        diagnostics.addAll(validator.validateAll(collected.ruleSets));
        for (Sourced<Application> application : collected.applications) {
            diagnostics.addAll(validator.validateApplication(application, collected.ruleSets));
        }
        for (Sourced<ApplicationSet> set : collected.applicationSets) {
            for (Application application : ApplicationSets.expand(set.value())) {
                diagnostics.addAll(validator.validateApplication(Sourced.generated(application,
                        set.sourceMap().file()), collected.ruleSets));
            }
        }
    }

    private static String displayName(Path file) {
        return InputFiles.STDIN.equals(file.toString()) ? "<stdin>" : file.toString();
    }

    /** The resources read so far, by kind. */
    private static final class Collected {
        final List<Sourced<Application>> applications = new ArrayList<>();
        final List<Sourced<ApplicationSet>> applicationSets = new ArrayList<>();
        final List<Sourced<RuleSet>> ruleSets = new ArrayList<>();

        void add(Sourced<Resource> resource) {
            Resource value = resource.value();
            if (value instanceof Application a) {
                applications.add(new Sourced<>(a, resource.sourceMap()));
            } else if (value instanceof ApplicationSet s) {
                applicationSets.add(new Sourced<>(s, resource.sourceMap()));
            } else if (value instanceof RuleSet r) {
                ruleSets.add(new Sourced<>(r, resource.sourceMap()));
            }
        }
    }

    /** Reports a name given twice, pointing at both places. */
    private static final class UniqueNames {
        private final String kind;
        private final Diagnostics diagnostics;
        private final Map<String, String> firstSeen = new HashMap<>();

        UniqueNames(String kind, Diagnostics diagnostics) {
            this.kind = kind;
            this.diagnostics = diagnostics;
        }

        void claim(String name, SourceLocation where) {
            String previous = firstSeen.putIfAbsent(name, where.toString());
            if (previous != null) {
                diagnostics.add(Diagnostic.error(where, "the " + kind + " '" + name + "' is already defined at "
                        + previous, "rename one of them or remove the duplicate"));
            }
        }

        void claimFromSet(String name, String setName, SourceLocation where) {
            String previous = firstSeen.putIfAbsent(name, where.toString() + " (application set " + setName + ")");
            if (previous != null) {
                diagnostics.add(Diagnostic.error(where, "the application set '" + setName + "' makes an application '"
                        + name + "', which is already defined at " + previous,
                        "change the set's nameTemplate or startIndex, or rename the other application"));
            }
        }
    }
}
