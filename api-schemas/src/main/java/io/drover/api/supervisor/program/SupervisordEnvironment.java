package io.drover.api.supervisor.program;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.supervisor.expand.ExpansionError;
import io.drover.api.supervisor.expand.Expansions;
import io.drover.api.supervisor.expand.HostEnvironment;
import io.drover.api.supervisor.ini.IniDocument;
import io.drover.api.supervisor.ini.IniValue;
import io.drover.api.text.PercentFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code environment} of the [supervisord] section: supervisord adds it to the environment of every process it
 * runs (a program's own variables win) and offers each variable as {@code %(ENV_X)s} to the program options.
 */
public record SupervisordEnvironment(Map<String, String> variables, SourceLocation location) {

    public SupervisordEnvironment {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public static SupervisordEnvironment none() {
        return new SupervisordEnvironment(Map.of(), null);
    }

    /** Reads the [supervisord] environment of {@code document}, keeping runtime placeholders for the node agent. */
    public static SupervisordEnvironment read(IniDocument document, Diagnostics diagnostics) {
        Optional<IniValue> value = document.section("supervisord").flatMap(s -> document.value(s, "environment"));
        if (value.isEmpty()) {
            return none();
        }
        try {
            String text = Expansions.template(value.get().text(), Map.of(Expansions.HERE, value.get().here()),
                    "%(here)s, %(host_node_name)s, %(ENV_<NAME>)s");
            return new SupervisordEnvironment(EnvironmentPairs.parse(text).variables(), value.get().location());
        } catch (ExpansionError e) {
            diagnostics.error(value.get().location(), "[supervisord] environment: " + e.getMessage(), e.hint());
        } catch (EnvironmentPairs.Malformed e) {
            diagnostics.error(value.get().location(), "[supervisord] environment: " + e.getMessage(), EnvironmentPairs.HINT);
        }
        return none();
    }

    /**
     * {@code host} with the variables whose value is known now set on top, for the options expanded at import;
     * variables that wait for the node agent's expansion are left out.
     */
    public HostEnvironment over(HostEnvironment host) {
        Map<String, String> known = new LinkedHashMap<>();
        variables.forEach((name, template) -> {
            if (!PercentFormat.uses(template, Expansions.RUNTIME)) {
                known.put(name, PercentFormat.expand(template, n -> Optional.empty()));
            }
        });
        return host.withVariables(known);
    }
}
