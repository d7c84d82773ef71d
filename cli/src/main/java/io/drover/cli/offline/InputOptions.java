package io.drover.cli.offline;

import io.drover.api.input.InputLoader;
import io.drover.api.input.LoadedInputs;
import io.drover.api.supervisor.NodeConfig;
import io.drover.api.supervisor.SupervisorImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The input files of an offline command, and how Supervisor configurations map to nodes. */
public final class InputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "A drover manifest (.yaml, .yml, .json), a Supvisors rules file (.xml), a Supervisor"
                    + " configuration (.conf, .ini), a folder searched recursively for them, or - for standard input."
                    + " Repeat for several.")
    List<String> files = new ArrayList<>();

    @Option(names = "--node", paramLabel = "NODE=CONF",
            description = "The supervisord configuration NODE uses (a node id or label, e.g. server_1=etc/supervisord_server.conf)."
                    + " With it, each program may run only on the nodes whose configuration defines it. Repeat per node.")
    Map<String, Path> nodes = new LinkedHashMap<>();

    @Option(names = "--node-env", paramLabel = "NODE:NAME=VALUE",
            description = "An environment variable of one node's supervisord, for %%(ENV_NAME)s in its configuration"
                    + " (e.g. console_1:IDENTIFIER=console_1). Repeat as needed.")
    List<String> nodeEnv = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "An environment variable for %%(ENV_NAME)s in Supervisor files, over this shell's environment.")
    Map<String, String> env = new LinkedHashMap<>();

    /** Reads and checks every input; throws with every problem found. */
    public LoadedInputs load() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(env);
        return new InputLoader(environment, nodeConfigs(), System.in, new SupervisorImporter()).load(files);
    }

    /** Node ids and labels named by --node, which resolution may use as known nodes. */
    public List<String> mappedNodes() {
        return List.copyOf(nodes.keySet());
    }

    private List<NodeConfig> nodeConfigs() {
        Map<String, Map<String, String>> perNode = new HashMap<>();
        for (String assignment : nodeEnv) {
            int colon = assignment.indexOf(':');
            int equals = assignment.indexOf('=', colon + 1);
            if (colon <= 0 || equals < colon + 2) {
                throw new ParameterException(spec.commandLine(), "--node-env '" + assignment
                        + "' is not NODE:NAME=VALUE; write for example --node-env console_1:IDENTIFIER=console_1");
            }
            String node = assignment.substring(0, colon);
            if (!nodes.containsKey(node)) {
                throw new ParameterException(spec.commandLine(), "--node-env '" + assignment + "' names node '" + node
                        + "', which no --node maps to a configuration; add --node " + node + "=FILE");
            }
            perNode.computeIfAbsent(node, n -> new LinkedHashMap<>())
                    .put(assignment.substring(colon + 1, equals), assignment.substring(equals + 1));
        }
        List<NodeConfig> configs = new ArrayList<>();
        nodes.forEach((node, file) -> configs.add(NodeConfig.of(node, file).withEnv(perNode.getOrDefault(node, Map.of()))));
        return configs;
    }
}
