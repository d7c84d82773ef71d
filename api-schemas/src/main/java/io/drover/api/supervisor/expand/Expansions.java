package io.drover.api.supervisor.expand;

import io.drover.api.text.PercentFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supervisor's {@code %(name)s} expansion of option values, split in two times.
 *
 * <p>At import, the names that mean the same on every node are expanded: {@code here}, {@code program_name},
 * {@code group_name}, {@code numprocs}. The names that depend on the machine or on the process ({@link #RUNTIME}:
 * {@code process_num}, {@code host_node_name}, {@code ENV_X}) stay in the text of the options the node agent hands
 * to the process (command, directory, environment, user, log files): the agent expands them when it starts each
 * process, with its own host name and environment, exactly as supervisord does on its own machine. Options drover
 * stores as numbers, flags or names cannot wait, so they are expanded completely at import.
 */
public final class Expansions {

    public static final String HERE = "here";
    public static final String PROGRAM_NAME = "program_name";
    public static final String GROUP_NAME = "group_name";
    public static final String NUMPROCS = "numprocs";
    public static final String PROCESS_NUM = "process_num";

    /** The names left for the node agent to expand when it starts a process. */
    public static final Predicate<String> RUNTIME = name -> PROCESS_NUM.equals(name)
            || HostEnvironment.HOST_NODE_NAME.equals(name) || name.startsWith(HostEnvironment.ENV_PREFIX);

    private static final Pattern NAME = Pattern.compile("%\\(([^)]*)\\)");

    private Expansions() {
    }

    /** Expands every placeholder of {@code text} now; {@code available} describes the names for the hint. */
    public static String resolve(String text, Function<String, Optional<Object>> lookup, String available) {
        try {
            return PercentFormat.expand(text, lookup);
        } catch (PercentFormat.FormatException e) {
            throw explain(text, lookup, e, available);
        }
    }

    /** Expands the names {@code now} knows and keeps the {@link #RUNTIME} ones as written. */
    public static String template(String text, Map<String, Object> now, String available) {
        Function<String, Optional<Object>> lookup = name -> Optional.ofNullable(now.get(name));
        try {
            return PercentFormat.expandPartially(text, lookup, RUNTIME);
        } catch (PercentFormat.FormatException e) {
            throw explain(text, name -> RUNTIME.test(name) ? Optional.of("") : lookup.apply(name), e, available);
        }
    }

    /** The names {@code text} uses, in order. */
    public static List<String> namesUsed(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** A lookup over a fixed set of names, then {@code fallback}. */
    public static Function<String, Optional<Object>> lookup(Map<String, Object> names, Function<String, Optional<Object>> fallback) {
        return name -> names.containsKey(name) ? Optional.of(names.get(name)) : fallback.apply(name);
    }

    private static ExpansionError explain(String text, Function<String, Optional<Object>> lookup,
                                          PercentFormat.FormatException cause, String available) {
        for (String name : namesUsed(text)) {
            if (lookup.apply(name).isPresent()) {
                continue;
            }
            if (name.startsWith(HostEnvironment.ENV_PREFIX)) {
                String variable = name.substring(HostEnvironment.ENV_PREFIX.length());
                return new ExpansionError("%(" + name + ")s needs the environment variable " + variable + ", which is not set",
                        "set " + variable + " in the environment of the import (for one node, in its node mapping),"
                                + " as supervisord would find it in its own environment");
            }
            return new ExpansionError("unknown name %(" + name + ") in '" + text + "'",
                    "Supervisor offers here: " + available + "; write %% for a literal percent sign");
        }
        return new ExpansionError("cannot expand '" + text + "': " + cause.getMessage(),
                "placeholders are written %(name)s or %(name)d");
    }
}
