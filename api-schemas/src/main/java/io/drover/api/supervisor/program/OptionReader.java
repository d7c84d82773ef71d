package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.supervisor.expand.ExpansionError;
import io.drover.api.supervisor.expand.Expansions;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniSection;
import io.drover.api.supervisor.ini.IniValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the options of one section: looks each up (falling back to [DEFAULT]), expands it, converts it, remembers
 * on which line each drover field was written, and reports problems as "[section] option: what is wrong" at that
 * line. A section with any error is marked failed so that nothing half-read is imported.
 */
final class OptionReader {

    private final IniDocument document;
    private final IniSection section;
    private final Diagnostics diagnostics;
    private final Map<String, Object> names;
    private final Function<String, Optional<Object>> hostLookup;
    private final String hostNames;
    private final Map<String, SourceLocation> fieldLocations = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();
    private boolean failed;

    /**
     * @param names      the names every value of this section may use ({@code program_name}, {@code group_name}...),
     *                   {@code here} excepted: it depends on the file of each value
     * @param hostLookup the names that depend on the machine ({@code host_node_name}, {@code ENV_X})
     * @param hostNames  how to describe those names in hints
     */
    OptionReader(IniDocument document, IniSection section, Diagnostics diagnostics, Map<String, Object> names,
                 Function<String, Optional<Object>> hostLookup, String hostNames) {
        this.document = document;
        this.section = section;
        this.diagnostics = diagnostics;
        this.names = names;
        this.hostLookup = hostLookup;
        this.hostNames = hostNames;
    }

    /** The value as written, not expanded; records {@code field}'s line when present. */
    Optional<IniValue> raw(String option, String field) {
        used.add(option);
        Optional<IniValue> value = document.value(section, option);
        value.ifPresent(v -> {
            if (field != null) {
                fieldLocations.put(field, v.location());
            }
        });
        return value;
    }

    /** A value drover stores typed: expanded completely now, then converted; empty when not written or invalid. */
    <T> Optional<T> typed(String option, String field, ValueType<T> type) {
        Optional<IniValue> value = raw(option, field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> text = resolved(option, value.get());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> converted = type.parser().apply(text.get());
        if (converted.isEmpty()) {
            error(value.get().location(), option + ": '" + text.get() + "' is not " + type.expected(), type.hint());
        }
        return converted;
    }

    /** A text value expanded completely now. */
    Optional<String> resolved(String option, IniValue value) {
        Map<String, Object> known = new HashMap<>(names);
        known.put(Expansions.HERE, value.here());
        try {
            return Optional.of(Expansions.resolve(value.text(), Expansions.lookup(known, hostLookup), describe(known) + hostNames));
        } catch (ExpansionError e) {
            error(value.location(), option + ": " + e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    /**
     * A text value the node agent expands again when it starts a process: names known now are expanded, the
     * runtime names ({@link Expansions#RUNTIME}) stay. Empty when not written or not expandable.
     */
    Optional<String> template(String option, String field, Map<String, Object> more) {
        Optional<IniValue> value = raw(option, field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> known = new HashMap<>(names);
        known.putAll(more);
        known.put(Expansions.HERE, value.get().here());
        try {
            return Optional.of(Expansions.template(value.get().text(), known,
                    describe(known) + "%(process_num)d, %(host_node_name)s, %(ENV_<NAME>)s"));
        } catch (ExpansionError e) {
            error(value.get().location(), option + ": " + e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private static String describe(Map<String, Object> known) {
        StringBuilder text = new StringBuilder();
        known.keySet().stream().sorted().forEach(name -> text.append("%(").append(name)
                .append(known.get(name) instanceof Number ? ")d, " : ")s, "));
        return text.toString();
    }

    /** Whether {@code option} is written in the section or in [DEFAULT]. */
    boolean isWritten(String option) {
        used.add(option);
        return document.value(section, option).isPresent();
    }

    /** Where {@code option} was written, or the section header when it was not. */
    SourceLocation locationOf(String option) {
        return document.value(section, option).map(IniValue::location).orElse(section.header());
    }

    /** Records {@code field}'s line for an option written in another section (such as [supervisord]). */
    void locate(String field, SourceLocation location) {
        fieldLocations.putIfAbsent(field, location);
    }

    void error(SourceLocation location, String message, String hint) {
        failed = true;
        diagnostics.error(location, "[" + section.name() + "] " + message, hint);
    }

    void warning(SourceLocation location, String message, String hint) {
        diagnostics.warning(location, "[" + section.name() + "] " + message, hint);
    }

    /** Options written in the section itself that nothing asked for. */
    Map<String, IniValue> unused() {
        Map<String, IniValue> unused = new LinkedHashMap<>(section.options());
        unused.keySet().removeAll(used);
        return unused;
    }

    boolean failed() {
        return failed;
    }

    Map<String, SourceLocation> fieldLocations() {
        return fieldLocations;
    }

    IniSection section() {
        return section;
    }
}
