package io.drover.api.manifest;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.ApplicationSetSpec;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.LogSpec;
import io.drover.api.model.Names;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.ProcessInstance;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a manifest says on its own: names, ranges, required fields and combinations Supervisor refuses.
 * Whether rules fit together (models, aliases, patterns) is the rule validator's job; this class only looks at one
 * resource's own fields.
 */
public final class ResourceValidator {

    /** Supvisors stores sequences as an XML byte. */
    static final int MAX_SEQUENCE = 127;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{1,4}");
    private static final Pattern NAME_TEMPLATE = Pattern.compile("\\{index(:0?(\\d))?}");
    public static final int MAX_REPLICAS = 1000;

    public List<Diagnostic> validate(Sourced<? extends Resource> sourced) {
        Resource resource = sourced.value();
        Violations violations = new Violations(sourced.sourceMap());
        checkMetadata(resource.metadata(), resource.kind(), violations);
        if (resource instanceof Application application) {
            checkApplication(application.name(), application.spec(), "/spec", violations);
        } else if (resource instanceof ApplicationSet set) {
            checkApplicationSet(set, violations);
        } else if (resource instanceof RuleSet ruleSet) {
            if (ruleSet.spec().aliasesOrEmpty().isEmpty() && ruleSet.spec().modelsOrEmpty().isEmpty()
                    && ruleSet.spec().applicationsOrEmpty().isEmpty()) {
                violations.warning("/spec", "the rule set is empty", "add aliases, models or applications");
            }
        }
        return violations.diagnostics();
    }

    private static void checkMetadata(ObjectMeta metadata, String kind, Violations violations) {
        Names.problem(kind, metadata.name()).ifPresent(p -> violations.error("/metadata/name", p,
                "give the " + kind + " a name such as 'scen2_srv_01'"));
        checkLabels(metadata.labels(), "/metadata/labels", violations);
    }

    private static void checkLabels(Map<String, String> labels, String pointer, Violations violations) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 253 || key.chars().anyMatch(Character::isWhitespace)) {
                violations.error(pointer + "/" + key, "label key '" + key + "' must be 1 to 253 characters without spaces", null);
            }
            if (value != null && (value.length() > 253 || value.contains("\n"))) {
                violations.error(pointer + "/" + key, "label '" + key + "' has a value longer than 253 characters or on several lines", null);
            }
        });
    }

    private static void checkApplication(String applicationName, ApplicationSpec spec, String pointer, Violations violations) {
        violations.range(pointer + "/startSequence", "startSequence", spec.startSequence(), 0, MAX_SEQUENCE);
        violations.range(pointer + "/stopSequence", "stopSequence", spec.stopSequence(), 0, MAX_SEQUENCE);
        violations.range(pointer + "/maxRestarts", "maxRestarts", spec.maxRestarts(), 0, 1_000);
        violations.range(pointer + "/restartWindowSecs", "restartWindowSecs", spec.restartWindowSecs(), 1, 86_400 * 7);
        checkIdentifiers(spec.identifiers(), pointer + "/identifiers", violations);
        List<ProgramSpec> programs = spec.programsOrEmpty();
        if (programs.isEmpty()) {
            violations.error(pointer + "/programs", "the application has no program",
                    "list its programs under 'programs:', each with a name and a command");
        }
        Set<String> programNames = new HashSet<>();
        Map<String, String> processOwners = new HashMap<>();
        for (int i = 0; i < programs.size(); i++) {
            ProgramSpec program = programs.get(i);
            String at = pointer + "/programs/" + i;
            if (program == null) {
                violations.error(at, "empty program entry", "remove the '-' or write the program");
                continue;
            }
            if (!Names.isValid(program.name())) {
                violations.error(at + "/name", Names.problem("program", program.name()).orElseThrow(), null);
                continue;
            }
            if (!programNames.add(program.name())) {
                violations.error(at + "/name", "program '" + program.name() + "' is listed twice",
                        "give each program of an application its own name");
            }
            checkProgram(program, at, violations);
            if (applicationName != null && Names.isValid(applicationName)) {
                checkProcessNames(applicationName, program, at, processOwners, violations);
            }
        }
    }

    private static void checkProgram(ProgramSpec program, String at, Violations violations) {
        if (program.command() == null || program.command().isBlank()) {
            violations.error(at + "/command", "program '" + program.name() + "' has no command",
                    "add 'command:' with the program to run and its arguments");
        }
        violations.range(at + "/numprocs", "numprocs", program.numprocs(), 1, 10_000);
        violations.range(at + "/numprocsStart", "numprocsStart", program.numprocsStart(), 0, Integer.MAX_VALUE);
        violations.range(at + "/startSecs", "startSecs", program.startSecs(), 0, Integer.MAX_VALUE);
        violations.range(at + "/startRetries", "startRetries", program.startRetries(), 0, Integer.MAX_VALUE);
        violations.range(at + "/stopWaitSecs", "stopWaitSecs", program.stopWaitSecs(), 0, Integer.MAX_VALUE);
        violations.range(at + "/startSequence", "startSequence", program.startSequence(), 0, MAX_SEQUENCE);
        violations.range(at + "/stopSequence", "stopSequence", program.stopSequence(), 0, MAX_SEQUENCE);
        violations.range(at + "/expectedLoading", "expectedLoading", program.expectedLoading(), 0, 100);
        if (program.exitCodes() != null) {
            if (program.exitCodes().isEmpty()) {
                violations.error(at + "/exitCodes", "exitCodes is empty", "list the expected exit codes, for example [0]");
            }
            for (int j = 0; j < program.exitCodes().size(); j++) {
                Integer code = program.exitCodes().get(j);
                if (code == null || code < 0 || code > 255) {
                    violations.error(at + "/exitCodes/" + j, "exit code " + code + " is not between 0 and 255", null);
                }
            }
        }
        if (Boolean.TRUE.equals(program.stopAsGroup()) && Boolean.FALSE.equals(program.killAsGroup())) {
            violations.error(at + "/killAsGroup", "stopAsGroup is true but killAsGroup is false",
                    "a group that is stopped as a group must also be killed as a group: remove killAsGroup or set it to true");
        }
        if (program.umask() != null && !OCTAL.matcher(program.umask()).matches()) {
            violations.error(at + "/umask", "umask '" + program.umask() + "' is not an octal number", "write it like '022'");
        }
        if (program.environment() != null) {
            program.environment().forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches()) {
                    violations.error(at + "/environment/" + name, "'" + name + "' is not a valid environment variable name",
                            "use letters, digits and '_', not starting with a digit");
                }
                if (value == null) {
                    violations.error(at + "/environment/" + name, "environment variable " + name + " has no value",
                            "write an empty string \"\" for an empty value");
                }
            });
        }
        if (program.nodes() != null) {
            for (int j = 0; j < program.nodes().size(); j++) {
                String node = program.nodes().get(j);
                int index = j;
                Names.problem("node", node).ifPresent(p -> violations.error(at + "/nodes/" + index, p, null));
            }
        }
        checkIdentifiers(program.identifiers(), at + "/identifiers", violations);
        checkLog(program.stdout(), at + "/stdout", violations);
        checkLog(program.stderr(), at + "/stderr", violations);
    }

    private static void checkLog(LogSpec log, String at, Violations violations) {
        if (log == null) {
            return;
        }
        violations.range(at + "/backups", "backups", log.backups(), 0, 1000);
        if (log.logfile() != null && log.logfile().isBlank()) {
            violations.error(at + "/logfile", "logfile is empty", "write a path, AUTO (the default) or NONE");
        }
    }

    private static void checkIdentifiers(List<String> identifiers, String at, Violations violations) {
        if (identifiers == null) {
            return;
        }
        if (identifiers.isEmpty()) {
            violations.error(at, "identifiers is empty", "remove it to allow every node, or list node ids, labels or aliases");
        }
        for (int j = 0; j < identifiers.size(); j++) {
            String identifier = identifiers.get(j);
            if (identifier == null || identifier.isBlank()) {
                violations.error(at + "/" + j, "empty identifier", "remove it");
            } else if (identifier.contains(",")) {
                violations.error(at + "/" + j, "identifier '" + identifier + "' contains a comma",
                        "write one identifier per list item: [" + String.join(", ", identifier.split("\\s*,\\s*")) + "]");
            }
        }
    }

    private static void checkProcessNames(String applicationName, ProgramSpec program, String at,
                                          Map<String, String> processOwners, Violations violations) {
        List<ProcessInstance> processes;
        try {
            processes = program.processes(applicationName);
        } catch (IllegalArgumentException e) {
            violations.error(at + (program.processName() == null ? "/numprocs" : "/processName"), e.getMessage(),
                    "include %(process_num)02d in processName, e.g. '%(program_name)s_%(process_num)02d'");
            return;
        }
        for (ProcessInstance process : processes) {
            String owner = processOwners.putIfAbsent(process.processName(), program.name());
            if (owner != null) {
                violations.error(at + "/processName", "process name '" + process.processName() + "' of program '"
                        + program.name() + "' is also a process of program '" + owner + "'", "make process names unique");
            }
        }
    }

    private static void checkApplicationSet(ApplicationSet set, Violations violations) {
        ApplicationSetSpec spec = set.spec();
        if (spec.replicas() == null) {
            violations.error("/spec", "missing replicas", "say how many copies to make, e.g. 'replicas: 3'");
        } else {
            violations.range("/spec/replicas", "replicas", spec.replicas(), 1, MAX_REPLICAS);
        }
        violations.range("/spec/startIndex", "startIndex", spec.startIndex(), 0, 1_000_000);
        if (spec.nameTemplate() == null || !NAME_TEMPLATE.matcher(spec.nameTemplate()).find()) {
            violations.error("/spec/nameTemplate", "nameTemplate must contain {index} or {index:02}",
                    "for example 'scen2_srv_{index:02}' gives scen2_srv_01, scen2_srv_02, ...");
        }
        if (spec.template() == null || spec.template().spec() == null) {
            violations.error("/spec/template", "missing template.spec", "write the application spec copied for each index");
            return;
        }
        checkLabels(spec.template().labels(), "/spec/template/labels", violations);
        if (spec.nameTemplate() != null && spec.replicas() != null && NAME_TEMPLATE.matcher(spec.nameTemplate()).find()) {
            ApplicationSets.names(spec).stream().filter(n -> !Names.isValid(n)).findFirst()
                    .ifPresent(bad -> violations.error("/spec/nameTemplate", Names.problem("application", bad).orElseThrow(), null));
        }
        String first = spec.nameTemplate() == null ? null : ApplicationSets.names(spec).stream().findFirst().orElse(null);
        checkApplication(first, spec.template().spec(), "/spec/template/spec", violations);
    }
}
