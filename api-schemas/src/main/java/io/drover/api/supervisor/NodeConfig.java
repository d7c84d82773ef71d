package io.drover.api.supervisor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Which supervisord configuration a node (or every node with a label) uses. A program may run on exactly the
 * targets whose configuration defines it, as Supvisors places a process only where its Supervisor knows it.
 *
 * @param target       a node id or a node label
 * @param configFile   the main supervisord configuration of that target
 * @param hostNodeName what {@code %(host_node_name)s} means when reading it; the target when null
 * @param env          environment variables of that target, set over the import's environment (for example
 *                     {@code IDENTIFIER=console_1} for a configuration including {@code console/%(ENV_IDENTIFIER)s/*.ini})
 */
public record NodeConfig(String target, Path configFile, String hostNodeName, Map<String, String> env) {

    public NodeConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(configFile, "configFile");
        hostNodeName = hostNodeName == null ? target : hostNodeName;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static NodeConfig of(String target, Path configFile) {
        return new NodeConfig(target, configFile, null, null);
    }

    public NodeConfig withEnv(Map<String, String> variables) {
        return new NodeConfig(target, configFile, hostNodeName, variables);
    }

    public NodeConfig withHostNodeName(String name) {
        return new NodeConfig(target, configFile, name, env);
    }
}
