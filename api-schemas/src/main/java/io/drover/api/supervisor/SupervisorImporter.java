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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
