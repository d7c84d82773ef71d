package io.drover.cli.offline;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.input.LoadedInputs;
import io.drover.api.model.Application;
import io.drover.api.model.Names;
import io.drover.api.rules.KnownNode;
import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.ResolvedProgram;
import io.drover.api.rules.ResolverOptions;
import io.drover.api.rules.RuleMatch;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.cli.output.KeyValueTable;
import io.drover.cli.output.OutputFormat;
import io.drover.cli.output.Printers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover resolve}: the effective rules of an application and its programs after matching, models, aliases and
 * defaults, as Supvisors would apply them. Like Supvisors it resolves by name, so a name that no program definition
 * holds still gets the rules that match it.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Prints the effective rules of an application and of its programs, offline, in Supvisors' field"
                + " names, with the rule that matched and the chain of models applied."})
public final class ResolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--application", required = true, paramLabel = "NAME", description = "The application to resolve.")
    String application;

    @Option(names = "--program", paramLabel = "NAME",
            description = "Only this process (a program name, or a process name such as prg_01 of a numprocs family).")
    String program;

    @Option(names = "--nodes", split = ",", paramLabel = "NODE",
            description = "Node ids known to exist, so that '#' and '*' in identifiers resolve to them"
                    + " (the nodes of --node are known too).")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        requireName("--application", application);
        if (program != null) {
            requireName("--program", program);
        }
        LoadedInputs inputs = input.load();
        RuleResolver resolver = new RuleResolver(inputs.ruleSets(), ResolverOptions.defaults().withKnownNodes(knownNodes()));
        Optional<Sourced<Application>> defined = inputs.application(application);
        ResolvedApplication rules = defined.map(a -> resolver.application(application, a))
                .orElseGet(() -> resolver.application(application));
        List<ResolvedProgram> programs = defined.isPresent() ? resolver.programs(defined.get()) : List.of();
        if (program != null) {
            programs = programs.stream()
                    .filter(p -> p.processName().equals(program) || p.programName().equals(program))
                    .toList();
            if (programs.isEmpty()) {
                // no definition holds it: Supvisors still answers with the rules matching the name
                programs = List.of(defined.isPresent() ? resolver.program(application, program, defined.get())
                        : resolver.program(application, program));
            }
        }
        print(new ResolvedRules(rules, programs), defined.isPresent());
        return 0;
    }

    private List<KnownNode> knownNodes() {
        Set<String> ids = new LinkedHashSet<>(nodes);
        ids.addAll(input.mappedNodes());
        return ids.stream().map(id -> new KnownNode(id, List.of())).toList();
    }

    private void print(ResolvedRules rules, boolean defined) {
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case JSON -> out.print(Printers.json(rules));
            case YAML -> out.print(Printers.yaml(rules));
            case TABLE -> {
                String origin = defined ? "" : " (defined in no input file: rules only)";
                out.print(KeyValueTable.render("application " + application + origin, rules.application(),
                        matched(rules.application().matchedRule())));
                for (ResolvedProgram process : rules.programs()) {
                    out.println();
                    out.print(KeyValueTable.render("program " + process.namespec(), process, matched(process.matchedRule())));
                }
            }
        }
        out.flush();
    }

    private static Map<String, String> matched(RuleMatch match) {
        return match == null ? Map.of() : Map.of("matched_rule", match.describe());
    }

    private static void requireName(String option, String name) {
        Names.problem(option.substring(2), name).ifPresent(problem -> {
            throw new InvalidInputException(Diagnostic.error(SourceLocation.of(option), problem,
                    "give the name as written in the rules or the program definitions"));
        });
    }
}
