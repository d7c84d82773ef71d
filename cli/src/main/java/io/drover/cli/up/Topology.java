package io.drover.cli.up;

import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.model.Names;
import io.drover.api.supervisor.NodeConfig;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example's {@code topology.yaml}: the nodes {@code drover up} runs on this machine, which supervisord
 * configuration each of them reads, and the manifests and rules files to apply.
 *
 * <pre>
 * files: [etc/supvisors_rules.xml]     # drover manifests (.yaml/.json) and Supvisors rules files (.xml)
 * path: [bin]                          # folders put first on the PATH of every node's processes (stand-ins)
 * env: {CUR_DATE: "{date}"}            # environment of every node's supervisord and processes
 * nodes:
 *   - id: console_1
 *     labels: [console]
 *     config: etc/supervisord_console.conf
 *     env: {IDENTIFIER: "{id}"}         # {id}, {date} (yyyyMMdd) and {time} (HHmmss) are replaced
 * </pre>
 *
 * @param folder the example folder; relative paths start there and it is {@code %(here)s} of every node
 * @param files  manifests and rules files to apply (Supervisor files come from the nodes' configurations)
 * @param path   folders put first on the PATH of the nodes' processes
 * @param env    environment of every node, before its own
 * @param nodes  the nodes, in order
 * @param now    when the topology was read: what {@code {date}} and {@code {time}} mean
 */
public record Topology(Path folder, List<Path> files, List<Path> path, Map<String, String> env, List<Node> nodes,
                       LocalDateTime now) {

    public static final String FILE_NAME = "topology.yaml";

    /**
     * One node.
     *
     * @param id     node id
     * @param labels its labels (Supvisors' stereotypes)
     * @param config the supervisord configuration it reads (absolute), or null when it runs drover manifests only
     * @param env    its own environment, placeholders not yet replaced
     */
    public record Node(String id, List<String> labels, Path config, Map<String, String> env) {

        public Node {
            labels = List.copyOf(labels);
            env = Map.copyOf(env);
        }
    }

    public Topology {
        files = List.copyOf(files);
        path = List.copyOf(path);
        env = Map.copyOf(env);
        nodes = List.copyOf(nodes);
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final Set<String> PLACEHOLDERS = Set.of("id", "date", "time");

    /** Reads {@code folder/topology.yaml}; throws {@link InvalidInputException} with every problem found. */
    public static Topology read(Path folder) {
        return TopologyReader.read(folder);
    }

    /** The node with {@code id}, if the topology has it. */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /**
     * This topology with other nodes ({@code --nodes}): a node the topology has keeps its configuration (with the
     * labels given, when any); another one takes the configuration and environment of the first node sharing one of
     * its labels.
     */
    public Topology withNodes(List<NodeRequest> requests) {
        if (requests.isEmpty()) {
            return this;
        }
        boolean configured = nodes.stream().anyMatch(n -> n.config() != null);
        Set<String> seen = new HashSet<>();
        List<Node> chosen = new ArrayList<>();
        for (NodeRequest request : requests) {
            if (!seen.add(request.id())) {
                throw new IllegalArgumentException("--nodes names " + request.id() + " twice; name each node once");
            }
            Optional<Node> known = node(request.id());
            if (known.isPresent()) {
                Node node = known.get();
                chosen.add(new Node(node.id(), request.labels().isEmpty() ? node.labels() : request.labels(), node.config(),
                        node.env()));
                continue;
            }
            Optional<Node> model = nodes.stream()
                    .filter(n -> n.labels().stream().anyMatch(request.labels()::contains)).findFirst();
            if (model.isEmpty() && configured) {
                Set<String> labels = new LinkedHashSet<>();
                nodes.forEach(n -> labels.addAll(n.labels()));
                throw new IllegalArgumentException("--nodes: node " + request.id() + " has no label of the example's"
                        + " nodes, so drover cannot tell which supervisord configuration it reads; give it one of "
                        + String.join(", ", labels) + " (as " + request.id() + ":" + labels.stream().findFirst().orElse("LABEL")
                        + ")");
            }
            chosen.add(new Node(request.id(), request.labels(), model.map(Node::config).orElse(null),
                    model.map(Node::env).orElse(Map.of())));
        }
        return new Topology(folder, files, path, env, chosen, now);
    }

    /** The environment of {@code node}'s supervisord and processes, over the topology's, placeholders replaced. */
    public Map<String, String> environment(Node node) {
        Map<String, String> merged = new LinkedHashMap<>();
        env.forEach((k, v) -> merged.put(k, expand(v, node)));
        node.env().forEach((k, v) -> merged.put(k, expand(v, node)));
        return merged;
    }

    private String expand(String value, Node node) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = switch (matcher.group(1)) {
                case "id" -> node.id();
                case "date" -> now.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
                case "time" -> now.format(DateTimeFormatter.ofPattern("HHmmss"));
                default -> matcher.group();
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** What every process of {@code node} inherits: this JVM's environment, the topology's path first, its own env. */
    public Map<String, String> processEnvironment(Node node, Map<String, String> base) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        if (!path.isEmpty()) {
            List<String> entries = new ArrayList<>(path.stream().map(Path::toString).toList());
            String inherited = base.get("PATH");
            if (inherited != null && !inherited.isEmpty()) {
                entries.add(inherited);
            }
            environment.put("PATH", String.join(File.pathSeparator, entries));
        }
        environment.putAll(environment(node));
        return environment;
    }

    /** The node mapping of the Supervisor import: each configured node reads its own configuration. */
    public List<NodeConfig> nodeConfigs() {
        List<NodeConfig> configs = new ArrayList<>();
        for (Node node : nodes) {
            if (node.config() != null) {
                configs.add(NodeConfig.of(node.id(), node.config()).withEnv(environment(node)));
            }
        }
        return configs;
    }

    /** The example's name: its folder's. */
    public String name() {
        return Objects.toString(folder.getFileName(), folder.toString());
    }

    /** A node asked for with {@code --nodes id:label+label}. */
    public record NodeRequest(String id, List<String> labels) {

        public NodeRequest {
            labels = List.copyOf(labels);
        }

        /** Parses {@code id[:label+label],...}; throws {@link IllegalArgumentException} saying what to write. */
        public static List<NodeRequest> parseList(String text) {
            List<NodeRequest> requests = new ArrayList<>();
            for (String item : text.split(",", -1)) {
                String trimmed = item.strip();
                int colon = trimmed.indexOf(':');
                String id = colon < 0 ? trimmed : trimmed.substring(0, colon);
                List<String> labels = colon < 0 ? List.of()
                        : List.of(trimmed.substring(colon + 1).split("\\+", -1));
                Optional<String> problem = Names.problem("node", id)
                        .or(() -> labels.stream().map(l -> Names.problem("label", l)).flatMap(Optional::stream)
                                .findFirst());
                if (problem.isPresent()) {
                    throw new IllegalArgumentException("--nodes '" + text + "': " + problem.get()
                            + "; write id:label+label,... such as server_1:server,console_1:console");
                }
                requests.add(new NodeRequest(id, labels));
            }
            return requests;
        }
    }
}
