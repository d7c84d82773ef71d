package io.drover.api.supervisor.expand;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The machine a configuration is read for: its host name ({@code %(host_node_name)s}) and the environment variables
 * ({@code %(ENV_NAME)s}). supervisord takes both from the machine it runs on; an import takes them from the node
 * mapping, so that each node's configuration is read as that node's supervisord would read it.
 *
 * <p>The host name is asked for only when a value uses it, because finding the local one may be slow.
 */
public record HostEnvironment(Supplier<String> hostNodeName, Map<String, String> variables) {

    public static final String HOST_NODE_NAME = "host_node_name";
    public static final String ENV_PREFIX = "ENV_";

    public HostEnvironment {
        Objects.requireNonNull(hostNodeName, "hostNodeName");
        variables = Map.copyOf(variables);
    }

    public static HostEnvironment of(String hostNodeName, Map<String, String> variables) {
        return new HostEnvironment(() -> hostNodeName, variables);
    }

    /** {@code host_node_name} and {@code ENV_X}; empty for any other name or an unset variable. */
    public Optional<Object> lookup(String name) {
        if (HOST_NODE_NAME.equals(name)) {
            return Optional.of(hostNodeName.get());
        }
        return environmentLookup(name);
    }

    /** {@code ENV_X} only: the names Supervisor offers in [group:x] options, which do not know the host name. */
    public Optional<Object> environmentLookup(String name) {
        if (name.startsWith(ENV_PREFIX)) {
            return Optional.ofNullable(variables.get(name.substring(ENV_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** This environment with {@code more} variables set on top (a node's own variables over the import's). */
    public HostEnvironment withVariables(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(variables);
        merged.putAll(more);
        return new HostEnvironment(hostNodeName, merged);
    }
}
