package io.drover.api.rules;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProcessInstance;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.rules.formula.StatusFormula;
import io.drover.api.source.Sourced;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computes the effective rules of applications and processes from the rule sets, exactly as Supvisors computes them
 * from its rules files, plus the rules an {@link Application} manifest writes itself. Pure: immutable inputs, no I/O;
 * an instance can be shared between threads.
 *
 * <h2>Supvisors semantics</h2>
 * <ul>
 *   <li><b>Precedence of rule sets</b>: the list order, which stands for Supvisors' sorted rules files. An exact
 *       application name is taken from the first rule set that declares it; patterns, models and aliases of all rule
 *       sets are merged, a later declaration replacing an earlier one (see {@link RuleIndex}).</li>
 *   <li><b>Matching</b>: exact name first, else the pattern with the longest {@code re.search} match (ties: first
 *       declared; the empty pattern is the catch-all). Program rules are looked up only inside the application element
 *       chosen for the application, with the process name ({@code prg_01} for numprocs).</li>
 *   <li><b>Models</b>: the {@code reference} chain is applied deepest first, then the program element; at most two
 *       model levels (Supvisors' {@code LOOP_CHECK = 3}); an unknown model is ignored.</li>
 *   <li><b>Identifiers</b>: aliases expanded in declaration order, each replacing its first occurrence, duplicates
 *       removed; {@code *} collapses the list; {@code @} and {@code #} removed and kept apart. An application-level
 *       {@code #} is resolved here from the {@code _N} suffix of the name (N−1 modulo the list; {@code *} is the known
 *       nodes of {@link ResolverOptions}); a program-level {@code #}/{@code @} is left for the application start
 *       ({@link ResolvedProgram#hashIdentifiers()}).</li>
 *   <li><b>Defaults</b>: distribution ALL_INSTANCES, identifiers {@code [*]}, start_sequence 0, stop_sequence equal to
 *       start_sequence, starting strategy from the options (CONFIG by default), starting failure ABORT, running
 *       failure CONTINUE; a program takes its application's failure strategies unless it sets its own; required is
 *       forced to false when start_sequence is 0.</li>
 *   <li><b>Managed</b>: an application is managed when a rule-set application element matches it, or when its own
 *       manifest writes any rule. An unmanaged application gets the defaults (and its processes too): never started
 *       automatically, never in failure.</li>
 *   <li>Resolution works by name: an application or process that appears in no program definition still gets the
 *       rules its name matches, as Supvisors resolves rules for any process it discovers.</li>
 * </ul>
 *
 * <h2>drover addition: rules written in an Application manifest</h2>
 * An {@link ApplicationSpec} and its {@link ProgramSpec}s may write rule fields themselves. Precedence, field by field:
 * <ul>
 *   <li>application: the Application's own value &gt; the matched rule-set application element &gt; the default;</li>
 *   <li>program: the ProgramSpec's own value (its {@code reference} included, which names a model of the rule sets)
 *       &gt; the matched rule-set program element &gt; the models of the resulting {@code reference}, nearest first
 *       &gt; the application's failure strategies &gt; the default.</li>
 * </ul>
 * {@code identifiers} is one field: when a manifest writes it, its list and its signs replace those of the rule sets
 * as a whole (within the rule sets, a {@code #}/{@code @} of a model survives a plain list of the program element, as
 * in Supvisors). A ProgramSpec covers its whole process family, so a {@code #}/{@code @} that reaches a process through
 * its ProgramSpec's identifiers or reference is kept, like one from a program element selected by pattern; Supvisors
 * resets them to {@code *} only for a program element selected by exact name.
 */
public final class RuleResolver {

    private final RuleIndex index;
    private final ResolverOptions options;

    public RuleResolver(List<Sourced<RuleSet>> ruleSets, ResolverOptions options) {
        this.index = new RuleIndex(List.copyOf(ruleSets));
        this.options = options == null ? ResolverOptions.defaults() : options;
    }

    public RuleResolver(List<Sourced<RuleSet>> ruleSets) {
        this(ruleSets, ResolverOptions.defaults());
    }

    public ResolverOptions options() {
        return options;
    }

    /** The rules of {@code applicationName} from the rule sets alone. */
    public ResolvedApplication application(String applicationName) {
        return application(applicationName, null);
    }

    /** The rules of {@code applicationName}, with the rules its manifest writes when {@code application} is given. */
    public ResolvedApplication application(String applicationName, Sourced<Application> application) {
        ApplicationSpec spec = specOf(application);
        Optional<RuleIndex.Match<RuleIndex.ApplicationEntry>> match = index.application(applicationName);
        boolean inline = spec != null && spec.hasRules();
        if (match.isEmpty() && !inline) {
            return unmanaged(applicationName);
        }
        ApplicationRule element = match.map(m -> m.entry().rule()).orElse(null);
        ApplicationRule own = inline ? spec.rule(applicationName) : null;
        List<String> notes = new ArrayList<>();

        Distribution distribution = pick(own, element, ApplicationRule::distribution, Distribution.ALL_INSTANCES);
        int startSequence = sequence(own, element, ApplicationRule::startSequence, "start_sequence", 0, notes);
        int stopSequence = sequence(own, element, ApplicationRule::stopSequence, "stop_sequence", -1, notes);
        if (stopSequence < 0) {
            stopSequence = startSequence;
        }

        List<String> written = written(own) ? own.identifiers() : written(element) ? element.identifiers() : null;
        Placement placement = placement(applicationName, written, notes);
        if (placement.resetStartSequence()) {
            startSequence = 0;
        }
        String operationalStatus = formula(pick(own, element, ApplicationRule::operationalStatus, null), notes);
        RuleMatch matchedRule = match.map(m -> ruleMatch(m, element.name())).orElse(null);
        return new ResolvedApplication(applicationName, true, matchedRule, inline, distribution, placement.identifiers(),
                placement.hashIdentifiers(), placement.atIdentifiers(), startSequence, stopSequence,
                pick(own, element, ApplicationRule::startingStrategy, options.defaultStartingStrategy()),
                pick(own, element, ApplicationRule::startingFailureStrategy, StartingFailureStrategy.ABORT),
                pick(own, element, ApplicationRule::runningFailureStrategy, RunningFailureStrategy.CONTINUE),
                operationalStatus, pick(own, element, ApplicationRule::conciliationStrategy, null),
                pick(own, element, ApplicationRule::maxRestarts, ResolvedApplication.DEFAULT_MAX_RESTARTS),
                pick(own, element, ApplicationRule::restartWindowSecs, ResolvedApplication.DEFAULT_RESTART_WINDOW_SECS),
                notes);
    }

    /** Where an application may run, from the identifiers written for it (null: not written). */
    private record Placement(List<String> identifiers, List<String> hashIdentifiers, List<String> atIdentifiers,
                             boolean resetStartSequence) {
    }

    private Placement placement(String applicationName, List<String> written, List<String> notes) {
        if (written == null) {
            return new Placement(List.of(Signs.WILDCARD), List.of(), List.of(), false);
        }
        AliasTable.Expansion expansion = index.aliases().expand(written);
        expansion.unexpandedAliases().forEach(alias -> notes.add("alias '" + alias + "' in the application"
                + " identifiers is left unexpanded (an alias only expands aliases declared after it, once)"));
        Signs signs = Signs.read(expansion.identifiers());
        if (!signs.at() && !signs.hash()) {
            return new Placement(signs.remainder(), List.of(), List.of(), false);
        }
        List<String> atIdentifiers = signs.at() ? signs.remainder() : List.of();
        if (!signs.hash()) {
            notes.add("'@' is not supported at application level: the application has no identifier and cannot be placed");
            return new Placement(List.of(), List.of(), atIdentifiers, false);
        }
        ApplicationHash.Resolution hash = ApplicationHash.resolve(applicationName, signs.remainder(), options.knownNodes());
        notes.addAll(hash.notes());
        return new Placement(hash.identifiers(), hash.unresolved() ? signs.remainder() : List.of(), atIdentifiers,
                hash.resetStartSequence());
    }

    /** The formula when it parses; Supvisors ignores one that does not (the required processes decide instead). */
    private static String formula(String operationalStatus, List<String> notes) {
        if (operationalStatus == null) {
            return null;
        }
        try {
            StatusFormula.parse(operationalStatus);
            return operationalStatus;
        } catch (IllegalArgumentException e) {
            notes.add("operational_status ignored, it does not parse (" + e.getMessage() + "); the required"
                    + " processes decide the major failure instead");
            return null;
        }
    }
    /** The rules of one process from the rule sets alone. */
    public ResolvedProgram program(String applicationName, String processName) {
        return program(applicationName, processName, null);
    }

    /**
     * The rules of process {@code processName} of {@code applicationName} (for numprocs, the process name such as
     * {@code prg_01}), with the rules its application manifest writes when {@code application} is given.
     */
    public ResolvedProgram program(String applicationName, String processName, Sourced<Application> application) {
        ResolvedApplication applicationRules = application(applicationName, application);
        ApplicationSpec spec = specOf(application);
        if (spec != null) {
            for (ProgramSpec program : spec.programsOrEmpty()) {
                Optional<ProcessInstance> instance = processesOrEmpty(program, applicationName).stream()
                        .filter(p -> p.processName().equals(processName)).findFirst();
                if (instance.isPresent()) {
                    return resolve(applicationRules, program, instance.get());
                }
            }
        }
        return resolve(applicationRules, null, new ProcessInstance(processName, processName, 0, 0));
    }

    /**
     * The rules of every process of {@code application}, program by program in declaration order, each numprocs
     * family in process order.
     *
     * @throws InvalidInputException when a program's process names cannot be expanded
     */
    public List<ResolvedProgram> programs(Sourced<Application> application) {
        String applicationName = application.value().name();
        ResolvedApplication applicationRules = application(applicationName, application);
        List<ResolvedProgram> resolved = new ArrayList<>();
        List<ProgramSpec> programs = specOf(application) == null ? List.of() : specOf(application).programsOrEmpty();
        for (int i = 0; i < programs.size(); i++) {
            ProgramSpec program = programs.get(i);
            List<ProcessInstance> processes;
            try {
                processes = program.processes(applicationName);
            } catch (IllegalArgumentException e) {
                String field = program.processName() == null ? "numprocs" : "processName";
                throw new InvalidInputException(Diagnostic.error(
                        application.sourceMap().locate("/spec/programs/" + i + "/" + field), e.getMessage(),
                        "process names come from processName, e.g. '%(program_name)s_%(process_num)02d'"));
            }
            processes.forEach(process -> resolved.add(resolve(applicationRules, program, process)));
        }
        return resolved;
    }

    private ResolvedProgram resolve(ResolvedApplication applicationRules, ProgramSpec programSpec, ProcessInstance process) {
        String applicationName = applicationRules.applicationName();
        Optional<RuleIndex.Match<RuleIndex.ProgramEntry>> match = applicationRules.managed()
                ? index.application(applicationName).flatMap(app -> index.program(app.entry(), process.processName()))
                : Optional.empty();
        ProgramRule element = match.map(m -> m.entry().rule()).orElse(null);
        ProgramRule own = programSpec != null && programSpec.hasRules() ? programSpec.rule() : null;
        String reference = own != null && own.reference() != null ? own.reference()
                : element == null ? null : element.reference();
        ModelTable.Chain chain = index.models().follow(reference);

        ProgramRulesBuilder builder = new ProgramRulesBuilder(index.aliases(),
                applicationRules.startingFailureStrategy(), applicationRules.runningFailureStrategy());
        for (int level = chain.levels().size() - 1; level >= 0; level--) {
            builder.apply(chain.levels().get(level).rule(), "model " + chain.levels().get(level).name());
        }
        if (element != null) {
            builder.apply(element, "program rule " + ruleMatch(match.get(), element.name()).describe());
        }
        if (own != null) {
            builder.applyOverriding(own, "program " + process.programName() + " of Application " + applicationName);
        }
        boolean signsFromSpec = own != null && (own.identifiers() != null || own.reference() != null);
        builder.finish(match.map(RuleIndex.Match::byPattern).orElse(false) || signsFromSpec);

        List<String> notes = new ArrayList<>(chainNotes(chain, reference));
        notes.addAll(builder.notes());
        if (applicationRules.distribution() != Distribution.ALL_INSTANCES && builder.identifiersWritten()) {
            notes.add("identifiers not used for placement: the application's distribution is "
                    + applicationRules.distribution() + ", so the application's identifiers apply");
        }
        return new ResolvedProgram(applicationName, process.processName(), process.programName(), process.processIndex(),
                match.map(m -> ruleMatch(m, element.name())).orElse(null), own != null, chain.names(), builder.identifiers(),
                builder.hashIdentifiers(), builder.atIdentifiers(), builder.startSequence(), builder.stopSequence(),
                builder.required(), builder.waitExit(), builder.expectedLoading(), builder.startingFailureStrategy(),
                builder.runningFailureStrategy(), notes);
    }

    private static List<String> chainNotes(ModelTable.Chain chain, String reference) {
        List<String> notes = new ArrayList<>();
        if (chain.unknownReference() != null) {
            notes.add("reference '" + chain.unknownReference() + "' names no model; ignored as Supvisors ignores it");
        }
        if (chain.ignoredModel() != null) {
            notes.add("model '" + chain.ignoredModel() + "' ignored: at most " + ModelTable.MAX_MODEL_LEVELS
                    + " model levels are applied below a program (Supvisors' limit)");
        }
        if (chain.cyclic()) {
            notes.add("the models referenced from '" + reference + "' form a cycle; it is cut at the depth limit");
        }
        return notes;
    }

    private ResolvedApplication unmanaged(String applicationName) {
        return new ResolvedApplication(applicationName, false, null, false, Distribution.ALL_INSTANCES,
                List.of(Signs.WILDCARD), List.of(), List.of(), 0, 0, options.defaultStartingStrategy(),
                StartingFailureStrategy.ABORT, RunningFailureStrategy.CONTINUE, null, null,
                ResolvedApplication.DEFAULT_MAX_RESTARTS, ResolvedApplication.DEFAULT_RESTART_WINDOW_SECS, List.of());
    }

    private static RuleMatch ruleMatch(RuleIndex.Match<?> match, String name) {
        return match.byPattern() ? RuleMatch.byPattern(match.source().origin(), match.pattern())
                : RuleMatch.byName(match.source().origin(), name);
    }

    private static ApplicationSpec specOf(Sourced<Application> application) {
        return application == null || application.value() == null ? null : application.value().spec();
    }

    private static List<ProcessInstance> processesOrEmpty(ProgramSpec program, String applicationName) {
        try {
            return program.processes(applicationName);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static boolean written(ApplicationRule rule) {
        return rule != null && rule.identifiers() != null && !rule.identifiers().isEmpty();
    }

    private static <T> T pick(ApplicationRule own, ApplicationRule element, Function<ApplicationRule, T> field, T fallback) {
        if (own != null && field.apply(own) != null) {
            return field.apply(own);
        }
        if (element != null && field.apply(element) != null) {
            return field.apply(element);
        }
        return fallback;
    }

    /** A sequence value: negative values are ignored (the lower layer's value stays), as Supvisors ignores them. */
    private static int sequence(ApplicationRule own, ApplicationRule element, Function<ApplicationRule, Integer> field,
                                String name, int fallback, List<String> notes) {
        int value = fallback;
        for (ApplicationRule layer : new ApplicationRule[] {element, own}) {
            Integer written = layer == null ? null : field.apply(layer);
            if (written != null && written >= 0) {
                value = written;
            } else if (written != null) {
                notes.add(name + " " + written + " ignored: it must be >= 0");
            }
        }
        return value;
    }
}
