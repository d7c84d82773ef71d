package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.ByteSize;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.ProgramSpecBuilder;
import io.drover.api.model.StopSignal;
import io.drover.api.supervisor.expand.Expansions;
import io.drover.api.supervisor.expand.HostEnvironment;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniSection;
import io.drover.api.supervisor.ini.IniValue;
import io.drover.api.supervisor.ini.PythonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one [program:x] section for one group, as Supervisor's {@code processes_from_section} does: the same
 * conversions, the same refusals, the same checks against its defaults. The program keeps only what the section
 * writes; an absent field means Supervisor's default ({@link SupervisorDefaults}), as in any drover manifest.
 */
public final class ProgramSectionParser {

    private static final List<String> PROCESS_NAME_NAMES = List.of(Expansions.PROGRAM_NAME, Expansions.GROUP_NAME,
            Expansions.PROCESS_NUM, Expansions.NUMPROCS);
    private static final String TYPED_HOST_NAMES = "%(host_node_name)s, %(ENV_<NAME>)s";

    private ProgramSectionParser() {
    }

    /**
     * Reads {@code section} as program {@code programName} of group {@code groupName}; empty when the section has
     * errors (they are in {@code diagnostics}).
     */
    public static Optional<ProgramDefinition> parse(IniDocument document, IniSection section, String programName, String groupName,
                                                    HostEnvironment host, SupervisordEnvironment supervisord, Diagnostics diagnostics) {
        OptionReader options = new OptionReader(document, section, diagnostics,
                Map.of(Expansions.PROGRAM_NAME, programName, Expansions.GROUP_NAME, groupName),
                supervisord.over(host)::lookup, TYPED_HOST_NAMES);
        ProgramSpecBuilder program = ProgramSpec.builder(programName);

        boolean redirectsStderr = supervision(options, program);
        int numprocs = options.typed("numprocs", "numprocs", ValueType.INTEGER).orElse(SupervisorDefaults.NUMPROCS);
        program.numprocs(written(options, "numprocs", numprocs));
        program.numprocsStart(options.typed("numprocs_start", "numprocsStart", ValueType.INTEGER).orElse(null));
        warnUnused(options);
        options.template("user", "user", Map.of()).ifPresent(program::user);
        program.umask(options.typed("umask", "umask", ValueType.UMASK).orElse(null));
        program.processName(processName(options, numprocs));

        Map<String, Object> processNames = Map.of(Expansions.NUMPROCS, numprocs);
        program.environment(environment(options, processNames, supervisord));
        options.template("directory", "directory", processNames).ifPresent(program::directory);
        program.stdout(log(options, "stdout", processNames));
        LogSpec stderr = log(options, "stderr", processNames);
        program.stderr(redirectsStderr ? redirected(options, stderr) : stderr);
        command(options, processNames).ifPresent(program::command);
        warnUnknown(options);

        if (options.failed()) {
            return Optional.empty();
        }
        ProgramSpec spec = program.build();
        if (!checkProcessNames(options, spec, groupName)) {
            return Optional.empty();
        }
        return Optional.of(new ProgramDefinition(spec, section.header(), options.fieldLocations()));
    }

    /** How the program is started, restarted and stopped; returns whether stderr goes to the stdout log. */
    private static boolean supervision(OptionReader options, ProgramSpecBuilder program) {
        program.priority(options.typed("priority", "priority", ValueType.INTEGER).orElse(null));
        program.autostart(options.typed("autostart", "autostart", ValueType.BOOLEAN).orElse(null));
        program.autoRestart(options.typed("autorestart", "autoRestart", ValueType.AUTO_RESTART).orElse(null));
        program.startSecs(options.typed("startsecs", "startSecs", ValueType.INTEGER).orElse(null));
        program.startRetries(options.typed("startretries", "startRetries", ValueType.INTEGER).orElse(null));
        program.stopSignal(stopSignal(options));
        program.stopWaitSecs(options.typed("stopwaitsecs", "stopWaitSecs", ValueType.INTEGER).orElse(null));
        Optional<Boolean> stopAsGroup = options.typed("stopasgroup", "stopAsGroup", ValueType.BOOLEAN);
        Optional<Boolean> killAsGroup = options.typed("killasgroup", "killAsGroup", ValueType.BOOLEAN);
        program.stopAsGroup(stopAsGroup.orElse(null)).killAsGroup(killAsGroup.orElse(null));
        // killasgroup defaults to stopasgroup, so only a written false can contradict it
        if (stopAsGroup.orElse(false) && !killAsGroup.orElse(true)) {
            options.error(options.locationOf("killasgroup"), "stopasgroup is true but killasgroup is false, which Supervisor refuses",
                    "a program stopped as a group must also be killed as a group: remove killasgroup or set it to true");
        }
        program.exitCodes(exitCodes(options));
        Optional<Boolean> redirectStderr = options.typed("redirect_stderr", "redirectStderr", ValueType.BOOLEAN);
        program.redirectStderr(redirectStderr.orElse(null));
        return redirectStderr.orElse(SupervisorDefaults.REDIRECT_STDERR);
    }

    /** {@code value} when {@code option} is written in the section (or [DEFAULT]), null otherwise. */
    private static <T> T written(OptionReader options, String option, T value) {
        return options.isWritten(option) ? value : null;
    }

    private static StopSignal stopSignal(OptionReader options) {
        Optional<IniValue> value = options.raw("stopsignal", "stopSignal");
        Optional<String> text = value.flatMap(v -> options.resolved("stopsignal", v));
        if (text.isEmpty()) {
            return null;
        }
        SignalNames.Reading reading = SignalNames.read(text.get());
        if (reading instanceof SignalNames.Supported supported) {
            return supported.signal();
        }
        if (reading instanceof SignalNames.Unsupported unsupported) {
            options.error(value.get().location(), "stopsignal: signal " + unsupported.number() + " ('" + text.get()
                    + "') is valid for Supervisor, but drover stops programs only with " + SignalNames.supported(),
                    "use one of " + SignalNames.supported());
        } else {
            options.error(value.get().location(), "stopsignal: '" + text.get() + "' is not a signal",
                    "write a signal name such as TERM (or SIGTERM), or its number; drover sends " + SignalNames.supported());
        }
        return null;
    }

    private static List<Integer> exitCodes(OptionReader options) {
        Optional<List<Integer>> codes = options.typed("exitcodes", "exitCodes", ValueType.EXIT_CODES);
        if (codes.isPresent() && codes.get().isEmpty()) {
            options.error(options.locationOf("exitcodes"), "exitcodes is empty: every exit would be unexpected,"
                    + " which drover does not support", "list the expected exit codes, for example exitcodes=0");
            return null;
        }
        return codes.orElse(null);
    }

    /** Options supervisord reads and drover drops: checked as supervisord checks them, and a warning when they matter. */
    private static void warnUnused(OptionReader options) {
        for (String stream : List.of("stdout", "stderr")) {
            String capture = stream + "_capture_maxbytes";
            if (options.typed(capture, null, ValueType.BYTE_SIZE).filter(size -> size.bytes() != 0).isPresent()) {
                options.warning(options.locationOf(capture), capture + " is ignored: drover has no capture mode",
                        "remove the option");
            }
            String events = stream + "_events_enabled";
            if (options.typed(events, null, ValueType.BOOLEAN).orElse(false)) {
                options.warning(options.locationOf(events), events + " is ignored: drover sends no Supervisor events",
                        "remove the option");
            }
        }
        Optional<String> serverUrl = options.typed("serverurl", null, ValueType.TEXT);
        if (serverUrl.isPresent() && !"AUTO".equals(PythonText.strip(serverUrl.get()).toUpperCase(Locale.ROOT))) {
            options.warning(options.locationOf("serverurl"), "serverurl is ignored: drover processes get no"
                    + " SUPERVISOR_SERVER_URL", "remove the option");
        }
    }

    /**
     * {@code process_name} stays a template: drover names the processes of a program by expanding it with the
     * program, group, process number and count, as Supervisor does.
     */
    private static String processName(OptionReader options, int numprocs) {
        Optional<IniValue> value = options.raw("process_name", "processName");
        String template = value.map(v -> PythonText.strip(v.text())).orElse(ProgramSpec.DEFAULT_PROCESS_NAME);
        SourceLocation location = options.locationOf("process_name");
        for (String name : Expansions.namesUsed(template)) {
            if (!PROCESS_NAME_NAMES.contains(name)) {
                options.error(location, "process_name: %(" + name + ") cannot be used in a process name by drover,"
                        + " which names each process the same way on every node",
                        "use only %(program_name)s, %(group_name)s, %(process_num)d and %(numprocs)d");
                return null;
            }
        }
        if (numprocs > 1 && !template.contains("%(process_num)")) {
            options.error(value.isPresent() ? location : options.locationOf("numprocs"),
                    "%(process_num) must be present within process_name when numprocs > 1 (numprocs is " + numprocs + ")",
                    "name each process apart, for example process_name=%(program_name)s_%(process_num)02d");
        }
        return value.isPresent() ? template : null;
    }

    private static Map<String, String> environment(OptionReader options, Map<String, Object> names, SupervisordEnvironment supervisord) {
        Map<String, String> variables = new LinkedHashMap<>(supervisord.variables());
        if (!variables.isEmpty()) {
            options.locate("environment", supervisord.location());
        }
        Optional<String> text = options.template("environment", "environment", names);
        if (text.isPresent()) {
            try {
                EnvironmentPairs.Pairs pairs = EnvironmentPairs.parse(text.get());
                variables.putAll(pairs.variables());
                for (String ignored : pairs.ignored()) {
                    options.warning(options.locationOf("environment"), "environment: '" + ignored + "' stands where a comma"
                            + " should and is dropped, as supervisord drops it", EnvironmentPairs.HINT);
                }
            } catch (EnvironmentPairs.Malformed e) {
                options.error(options.locationOf("environment"), "environment: " + e.getMessage(), EnvironmentPairs.HINT);
            }
        }
        return variables.isEmpty() ? null : variables;
    }

    /** The log options of one stream, or null when none is written. */
    private static LogSpec log(OptionReader options, String stream, Map<String, Object> names) {
        String logfileOption = stream + "_logfile";
        Optional<Boolean> syslog = options.typed(stream + "_syslog", stream + "/syslog", ValueType.BOOLEAN);
        String logfile = options.template(logfileOption, stream + "/logfile", names).map(written -> {
            String lower = written.toLowerCase(Locale.ROOT);
            if (lower.equals("none") || lower.equals("off")) {
                return LogSpec.NONE;
            }
            return lower.equals("auto") ? LogSpec.AUTO : written;
        }).orElse(null);
        if ("syslog".equalsIgnoreCase(logfile)) {
            options.warning(options.locationOf(logfileOption), logfileOption + "=syslog is deprecated",
                    "write " + stream + "_syslog=true instead; drover reads it that way");
            logfile = LogSpec.NONE;
            syslog = Optional.of(true);
        }
        Optional<ByteSize> maxBytes = options.typed(stream + "_logfile_maxbytes", stream + "/maxBytes", ValueType.BYTE_SIZE);
        Optional<Integer> backups = options.typed(stream + "_logfile_backups", stream + "/backups", ValueType.INTEGER);
        if ((logfile == null || LogSpec.AUTO.equals(logfile)) && maxBytes.filter(size -> size.bytes() == 0).isPresent()) {
            options.warning(options.locationOf(stream + "_logfile_maxbytes"), "AUTO logging used for " + logfileOption
                    + " without rollover", "set " + stream + "_logfile_maxbytes above 0 to avoid filling up the disk");
        }
        if (logfile == null && maxBytes.isEmpty() && backups.isEmpty() && syslog.isEmpty()) {
            return null;
        }
        return new LogSpec(logfile, maxBytes.orElse(null), backups.orElse(null), syslog.orElse(null));
    }

    /** With redirect_stderr, supervisord writes no stderr log: a file named for it is ignored. */
    private static LogSpec redirected(OptionReader options, LogSpec stderr) {
        if (stderr == null || stderr.logfile() == null) {
            return stderr;
        }
        if (!LogSpec.AUTO.equals(stderr.logfile()) && !LogSpec.NONE.equals(stderr.logfile())) {
            options.warning(options.locationOf("stderr_logfile"), "redirect_stderr is true, so stderr_logfile is ignored",
                    "remove stderr_logfile: stderr goes to the stdout log");
        }
        if (stderr.maxBytes() == null && stderr.backups() == null && stderr.syslog() == null) {
            return null;
        }
        return new LogSpec(null, stderr.maxBytes(), stderr.backups(), stderr.syslog());
    }

    private static Optional<String> command(OptionReader options, Map<String, Object> names) {
        if (!options.isWritten("command")) {
            options.error(options.section().header(), "does not specify a command",
                    "add 'command = ' followed by the program to run and its arguments");
            return Optional.empty();
        }
        Optional<String> command = options.template("command", "command", names);
        if (command.isPresent() && PythonText.strip(command.get()).isEmpty()) {
            options.error(options.locationOf("command"), "command is empty", "write the program to run and its arguments");
            return Optional.empty();
        }
        return command;
    }

    private static void warnUnknown(OptionReader options) {
        options.unused().forEach((name, value) -> options.warning(value.location(), "unknown option '" + name
                + "' is ignored (supervisord ignores it too)", "check its spelling against Supervisor's [program:x] options"));
    }

    /** Supervisor refuses ' ', ':' and '/' in process names; drover's name rules are checked by expanding the names. */
    private static boolean checkProcessNames(OptionReader options, ProgramSpec spec, String groupName) {
        try {
            spec.processes(groupName);
            return true;
        } catch (IllegalArgumentException e) {
            options.error(options.locationOf("process_name"), "process_name: " + e.getMessage(),
                    "process names may only contain letters, digits and '_', '.', '-', '@', '+'");
            return false;
        }
    }
}
