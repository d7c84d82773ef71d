package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Names;
import io.drover.api.supervisor.expand.HostEnvironment;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniSection;
import io.drover.api.supervisor.ini.IniValue;
import io.drover.api.supervisor.ini.PythonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the sections of one configuration into Supervisor's process groups, as {@code process_groups_from_parser}
 * does: every [group:x] first, each with the programs it lists (read with that group's name), then every
 * [program:x] listed in no group as a group of its own. Event listeners and FastCGI programs have no drover
 * equivalent and are reported, not imported.
 */
public final class GroupReader {

    private static final String GROUP = "group:";
    private static final String PROGRAM = "program:";
    private static final String FCGI_PROGRAM = "fcgi-program:";
    private static final String EVENT_LISTENER = "eventlistener:";
    /** Sections that configure supervisord itself or its clients: nothing to import, nothing to warn about. */
    private static final Set<String> DAEMON_SECTIONS = Set.of("supervisord", "supervisorctl", "include");
    private static final List<String> DAEMON_PREFIXES = List.of("inet_http_server", "unix_http_server", "rpcinterface:", "ctlplugin:");

    private final IniDocument document;
    private final HostEnvironment host;
    private final Diagnostics diagnostics;
    private final SupervisordEnvironment supervisord;

    private GroupReader(IniDocument document, HostEnvironment host, Diagnostics diagnostics) {
        this.document = document;
        this.host = host;
        this.diagnostics = diagnostics;
        this.supervisord = SupervisordEnvironment.read(document, diagnostics);
    }

    /** The groups of {@code document} read for the machine {@code host}, in section order. */
    public static List<GroupDefinition> read(IniDocument document, HostEnvironment host, Diagnostics diagnostics) {
        return new GroupReader(document, host, diagnostics).groups();
    }

    private List<GroupDefinition> groups() {
        List<GroupDefinition> groups = new ArrayList<>();
        Set<String> grouped = new HashSet<>();
        for (IniSection section : document.sections()) {
            if (section.name().startsWith(GROUP)) {
                heterogeneous(section, grouped).ifPresent(groups::add);
            }
        }
        for (IniSection section : document.sections()) {
            String name = section.name();
            if (name.startsWith(PROGRAM) && !grouped.contains(name)) {
                homogeneous(section).ifPresent(groups::add);
            } else if (name.startsWith(EVENT_LISTENER) || name.startsWith(FCGI_PROGRAM)) {
                diagnostics.warning(section.header(), "[" + name + "] is not imported: drover runs no event listeners"
                        + " nor FastCGI programs", "run it with a [program:x] section, or outside drover");
            } else if (!name.startsWith(GROUP) && !name.startsWith(PROGRAM) && !isDaemonSection(name)) {
                diagnostics.warning(section.header(), "unknown section [" + name + "] is ignored (supervisord ignores it too)",
                        "check its spelling: programs are [program:name] and groups [group:name]");
            }
        }
        return groups;
    }

    private Optional<GroupDefinition> heterogeneous(IniSection section, Set<String> grouped) {
        Optional<String> groupName = name(section, GROUP, "application");
        Optional<IniValue> listed = document.value(section, "programs");
        OptionReader options = new OptionReader(document, section, diagnostics, Map.of(), host::environmentLookup,
                "%(ENV_<NAME>)s");
        List<String> programNames = programNames(options, listed);
        programNames.forEach(p -> grouped.add(PROGRAM + p));
        int priority = options.typed("priority", null, ValueType.INTEGER).orElse(SupervisorDefaults.PRIORITY);
        if (priority != SupervisorDefaults.PRIORITY) {
            options.warning(options.locationOf("priority"), "priority of a group is ignored: drover orders the programs"
                    + " of an application with start sequences", "remove it, or use a Supvisors rules file with start_sequence");
        }
        options.unused().forEach((option, value) -> options.warning(value.location(), "unknown option '" + option
                + "' is ignored (supervisord ignores it too)", "a [group:x] section has only 'programs' and 'priority'"));
        if (groupName.isEmpty() || options.failed()) {
            return Optional.empty();
        }
        if (programNames.isEmpty()) {
            diagnostics.warning(section.header(), "[" + section.name() + "] lists no programs, so it gives no application",
                    "list its programs with 'programs = name1,name2'");
            return Optional.empty();
        }
        boolean complete = true;
        List<ProgramDefinition> programs = new ArrayList<>();
        SourceLocation listLocation = listed.map(IniValue::location).orElse(section.header());
        for (String programName : programNames) {
            if (programName.isEmpty()) {
                complete = false;
                diagnostics.error(listLocation, "[" + section.name() + "] lists an empty program name",
                        "remove the extra comma from the list");
                continue;
            }
            Optional<IniSection> program = document.section(PROGRAM + programName);
            if (program.isEmpty()) {
                complete = false;
                if (document.section(FCGI_PROGRAM + programName).isPresent()) {
                    diagnostics.warning(listLocation, "[" + section.name() + "] lists the FastCGI program " + programName
                            + ", which drover does not run", "remove it from the list");
                } else {
                    diagnostics.error(listLocation, "[" + section.name() + "] names unknown program " + programName,
                            "define it in a [program:" + programName + "] section, or remove it from the list");
                }
                continue;
            }
            Optional<ProgramDefinition> definition = programName(program.get())
                    .flatMap(name -> ProgramSectionParser.parse(document, program.get(), name, groupName.get(), host, supervisord, diagnostics));
            definition.ifPresent(programs::add);
            complete &= definition.isPresent();
        }
        return Optional.of(new GroupDefinition(groupName.get(), section.header(), programs, complete));
    }

    /** Supervisor's {@code list_of_strings}: comma-separated, each stripped; a name listed twice is read once. */
    private List<String> programNames(OptionReader options, Optional<IniValue> listed) {
        if (listed.isEmpty()) {
            return List.of();
        }
        options.raw("programs", null);
        Optional<String> text = options.resolved("programs", listed.get());
        if (text.isEmpty() || text.get().isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.get().split(",", -1)) {
            String name = PythonText.strip(part);
            if (!names.add(name)) {
                options.warning(listed.get().location(), "program " + name + " is listed twice", "list each program once");
            }
        }
        return new ArrayList<>(names);
    }

    private Optional<GroupDefinition> homogeneous(IniSection section) {
        Optional<String> programName = programName(section);
        Optional<ProgramDefinition> definition = programName.flatMap(name ->
                ProgramSectionParser.parse(document, section, name, name, host, supervisord, diagnostics));
        return definition.map(d -> new GroupDefinition(d.name(), section.header(), List.of(d), true));
    }

    private Optional<String> programName(IniSection section) {
        return name(section, PROGRAM, "program");
    }

    /** Supervisor's {@code process_or_group_name}, then drover's name rules. */
    private Optional<String> name(IniSection section, String prefix, String what) {
        String name = PythonText.strip(section.name().substring(prefix.length()));
        Optional<String> problem = name.contains(" ") || name.contains(":") || name.contains("/")
                ? Optional.of(what + " name '" + name + "' contains ' ', ':' or '/', which Supervisor refuses")
                : Names.problem(what, name);
        if (problem.isPresent()) {
            diagnostics.error(section.header(), "[" + section.name() + "] " + problem.get(),
                    "rename the section, for example [" + prefix + "my_" + what + "]");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static boolean isDaemonSection(String name) {
        return DAEMON_SECTIONS.contains(name) || DAEMON_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
