package io.drover.cli.local;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drover.api.json.Json;
import io.drover.api.model.Names;
import io.drover.api.supervisor.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An example's {@code topology.yaml}: the nodes {@code drover up} starts on this machine and the files it applies.
 *
 * @param folder where the example lives; relative paths start there
 * @param files  drover manifests and Supvisors rules files to apply (Supervisor files come from the node configs)
 * @param nodes  the nodes to start
 */
public record Topology(Path folder, List<Path> files, List<Node> nodes) {

    /**
     * One node of the example.
     *
     * @param id     node id
     * @param labels its stereotypes
     * @param config the supervisord configuration it uses, or null when it runs only drover manifests
     * @param env    environment of its supervisord, for {@code %(ENV_X)s} in that configuration
     */
    public record Node(String id, List<String> labels, String config, Map<String, String> env) {
    }

    /** The file as written. */
    record Document(List<String> files, List<Node> nodes) {
    }

    public static final String FILE_NAME = "topology.yaml";
    private static final ObjectMapper YAML = Json.configure(YAMLMapper.builder()).build();

    /** Reads {@code folder/topology.yaml}, checking every name and path; throws with one sentence per problem. */
    public static Topology read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " not found: an example folder needs a " + FILE_NAME
                    + " listing its nodes (see deploy/examples/scenario-2)");
        }
        Document document;
        String text = "";
        try {
            text = Files.readString(file);
            document = YAML.readValue(text, Document.class);
        } catch (UnrecognizedPropertyException e) {
            // the parser has read ahead by then: the field's own line is where the user must look
            throw new IllegalArgumentException(file + ":" + lineOf(text, e.getPropertyName(), e) + ": unknown field '"
                    + e.getPropertyName() + "'; a topology has 'files' (a list of paths) and 'nodes' (id, labels, config,"
                    + " env)");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + where + ": " + e.getOriginalMessage()
                    + "; a topology has 'files' (a list of paths) and 'nodes' (id, labels, config, env)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (document == null || document.nodes() == null || document.nodes().isEmpty()) {
            throw new IllegalArgumentException(file + ": no nodes; list at least one under 'nodes'");
        }
        Set<String> ids = new HashSet<>();
        for (Node node : document.nodes()) {
            Names.problem("node id", node.id()).ifPresent(p -> problems.add(file + ": " + p));
            if (node.id() != null && !ids.add(node.id())) {
                problems.add(file + ": node " + node.id() + " is listed twice");
            }
            if (node.config() != null && !Files.isRegularFile(folder.resolve(node.config()))) {
                problems.add(file + ": node " + node.id() + " uses " + node.config() + ", which does not exist in " + folder);
            }
        }
        List<Path> files = new ArrayList<>();
        for (String name : document.files() == null ? List.<String>of() : document.files()) {
            Path path = folder.resolve(name);
            if (!Files.exists(path)) {
                problems.add(file + ": " + name + " does not exist in " + folder);
            }
            files.add(path);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
        }
        return new Topology(folder, files, document.nodes());
    }

    private static int lineOf(String text, String field, JacksonException e) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\s*(-\\s+)?" + java.util.regex.Pattern.quote(field) + "\\s*:.*")) {
                return i + 1;
            }
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** The node mapping for the Supervisor import: each node reads its own configuration. */
    public List<NodeConfig> nodeConfigs() {
        List<NodeConfig> configs = new ArrayList<>();
        for (Node node : nodes) {
            if (node.config() != null) {
                configs.add(NodeConfig.of(node.id(), folder.resolve(node.config()))
                        .withEnv(node.env() == null ? Map.of() : node.env()));
            }
        }
        return configs;
    }
}
