package io.drover.api.supervisor;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Names;
import io.drover.api.source.Sourced;
import io.drover.api.model.Application;
import io.drover.api.supervisor.config.Configuration;
import io.drover.api.supervisor.config.ConfigurationReader;
import io.drover.api.supervisor.expand.HostEnvironment;
import io.drover.api.supervisor.program.GroupReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Imports Supervisor configuration files, unchanged, as drover {@link Application}s: each Supervisor group (a
 * [group:x], or a [program:x] in no group) becomes an application of the same name.
 *
 * <p>{@link #importNodes} reads the supervisord configuration of each node (or node label) as that node's
 * supervisord would, with its host name and environment, and lets each program run only on the targets whose
 * configuration defines it, which is how Supvisors places processes. {@link #importFiles} reads files without a
 * node mapping: every program may run on every node.
 *
 * <p>Every problem is reported at once, each with its file and line; the import returns nothing unless there is no
 * error.
 */
public final class SupervisorImporter {

    private final Supplier<String> localHostName;

    /** An importer for which {@code %(host_node_name)s} of a plain file import is this machine's name. */
    public SupervisorImporter() {
        this(LocalHostName::get);
    }

    /** An importer for which {@code %(host_node_name)s} of a plain file import is {@code localHostName}. */
    public SupervisorImporter(Supplier<String> localHostName) {
        this.localHostName = memoize(Objects.requireNonNull(localHostName, "localHostName"));
    }

    /** {@link #importFiles(List, Map)} with the environment of this process. */
    public ImportResult importFiles(List<Path> files) {
        return importFiles(files, System.getenv());
    }

    /**
     * Imports each file (a supervisord .conf or a standalone .ini, with its includes) as a configuration of its own,
     * as supervisord on this machine would read it with {@code env}, and merges the groups of all of them. Programs
     * get no node list: they may run on every node.
     */
    public ImportResult importFiles(List<Path> files, Map<String, String> env) {
        Diagnostics diagnostics = new Diagnostics();
        HostEnvironment host = new HostEnvironment(localHostName, env);
        ApplicationAssembler assembler = new ApplicationAssembler(false);
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            readConfiguration(file, host, diagnostics).ifPresent(configuration -> {
                read.addAll(configuration.files());
                assembler.add(file.toString(), GroupReader.read(configuration.document(), host, diagnostics), diagnostics);
            });
        }
        return finish(assembler, diagnostics, read);
    }

    /**
     * Imports the Supervisor files a user named, whichever they are: each {@code .conf} is a main supervisord file read
     * with its includes; the {@code .ini} files no main file includes are fragments, read together per folder as one
     * configuration (so a group file may name programs of a sibling file, as the [include] that would read them
     * allows); such a folder is read whole, even its files that a main file also includes, and with the fragments of
     * its parent folders. Programs get no node list, as with {@link #importFiles(List, Map)}.
     */
    public ImportResult importFileSet(List<Path> files, Map<String, String> env) {
        Diagnostics diagnostics = new Diagnostics();
        HostEnvironment host = new HostEnvironment(localHostName, env);
        List<Configuration> mains = new ArrayList<>();
        List<Path> fragments = new ArrayList<>();
        for (Path file : files) {
            if (isMainFile(file)) {
                readConfiguration(file, host, diagnostics).ifPresent(mains::add);
            } else {
                fragments.add(file);
            }
        }
        Set<Path> included = new HashSet<>();
        for (Configuration main : mains) {
            main.files().stream().filter(f -> !f.equals(main.mainFile())).forEach(included::add);
        }
        ApplicationAssembler assembler = new ApplicationAssembler(false);
        List<Path> read = new ArrayList<>();
        for (Configuration main : mains) {
            if (!included.contains(main.mainFile())) {
                read.addAll(main.files());
                assembler.add(main.mainFile().toString(), GroupReader.read(main.document(), host, diagnostics), diagnostics);
            }
        }
        // a folder holding a fragment no main file includes is read whole: its group files may name programs that a
        // main file also includes (scenario 1's localhost configuration takes every node's programs but no node's group)
        Set<Path> looseFolders = new HashSet<>();
        for (Path fragment : fragments) {
            Path absolute = fragment.toAbsolutePath().normalize();
            if (!included.contains(absolute)) {
                looseFolders.add(absolute.getParent());
            }
        }
        // ... together with the fragments of its parent folders, where shared program files usually sit (scenario 3
        // keeps console/programs_console.ini above the console/console_N/ group files)
        Map<Path, List<Path>> looseByFolder = new TreeMap<>();
        for (Path folder : looseFolders) {
            for (Path fragment : fragments) {
                if (folder.startsWith(fragment.toAbsolutePath().normalize().getParent())) {
                    looseByFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(fragment);
                }
            }
        }
        for (Map.Entry<Path, List<Path>> folder : looseByFolder.entrySet()) {
            ConfigurationReader.readTogether(folder.getValue(), host, diagnostics).ifPresent(configuration -> {
                read.addAll(configuration.files());
                assembler.add(folder.getKey().toString(), GroupReader.read(configuration.document(), host, diagnostics),
                        diagnostics);
            });
        }
        return finish(assembler, diagnostics, read);
    }

    /** supervisord's own file is a {@code .conf}; {@code .ini} files are what it includes. */
    private static boolean isMainFile(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".conf");
    }

    /** {@link #importNodes(List, Map)} with the environment of this process. */
    public ImportResult importNodes(List<NodeConfig> nodes) {
        return importNodes(nodes, System.getenv());
    }

    /**
     * Imports the configuration of each target, read with the target's host name and with {@code env} overlaid by
     * the target's own variables, and merges them: application {@code g} holds the programs of group {@code g} over
     * all targets, and each program lists, in target order, the targets whose configuration defines it in that group.
     */
    public ImportResult importNodes(List<NodeConfig> nodes, Map<String, String> env) {
        Diagnostics diagnostics = new Diagnostics();
        ApplicationAssembler assembler = new ApplicationAssembler(true);
        List<Path> read = new ArrayList<>();
        for (NodeConfig node : nodes) {
            Optional<String> problem = Names.problem("node", node.target());
            if (problem.isPresent()) {
                diagnostics.error(SourceLocation.of(node.configFile().toString()), "node mapping: " + problem.get(),
                        "map the configuration to a node id or label such as 'server_1'");
                continue;
            }
            HostEnvironment host = HostEnvironment.of(node.hostNodeName(), env).withVariables(node.env());
            readConfiguration(node.configFile(), host, diagnostics).ifPresent(configuration -> {
                read.addAll(configuration.files());
                assembler.add(node.target(), GroupReader.read(configuration.document(), host, diagnostics), diagnostics);
            });
        }
        return finish(assembler, diagnostics, read);
    }

    private static Optional<Configuration> readConfiguration(Path file, HostEnvironment host, Diagnostics diagnostics) {
        return ConfigurationReader.read(file, file.toString(), host, diagnostics);
    }

    private static ImportResult finish(ApplicationAssembler assembler, Diagnostics diagnostics, List<Path> read) {
        List<Sourced<Application>> applications = assembler.applications(diagnostics);
        // a file read for several nodes reports its problems once
        List<Diagnostic> all = new ArrayList<>(new LinkedHashSet<>(diagnostics.all()));
        if (all.stream().anyMatch(Diagnostic::isError)) {
            throw new InvalidInputException(all);
        }
        return new ImportResult(applications, all, new ArrayList<>(new LinkedHashSet<>(read)));
    }

    private static Supplier<String> memoize(Supplier<String> supplier) {
        return new Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
