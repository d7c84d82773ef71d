package io.drover.cli.up;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.json.Json;
import io.drover.api.model.Names;
import io.drover.api.source.LocatedDocument;
import io.drover.api.source.LocatedTreeReader;
import io.drover.api.source.SourceMap;
import io.drover.cli.up.Topology.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a {@code topology.yaml} into a {@link Topology}, checking every field, name and path: bad input is refused
 * with every problem at its line and column, and what to write instead.
 */
final class TopologyReader {

    private static final Set<String> TOP_FIELDS = Set.of("files", "path", "env", "nodes");
    private static final Set<String> NODE_FIELDS = Set.of("id", "labels", "config", "env");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SHAPE = "a topology has 'files', 'path', 'env' and 'nodes' (each with 'id', 'labels',"
            + " 'config', 'env'); see deploy/examples/scenario-2/topology.yaml";

    private TopologyReader() {
    }

    /** Reads {@code folder/topology.yaml}; throws {@link InvalidInputException} with every problem found. */
    static Topology read(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve(Topology.FILE_NAME);
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(Diagnostic.error(SourceLocation.of(name), "no " + Topology.FILE_NAME + " in " + dir,
                    "an example folder lists its nodes in a " + Topology.FILE_NAME + "; see deploy/examples/scenario-2"));
        }
        String text;
        try {
            if (Files.size(file) > 1024 * 1024) {
                throw new InvalidInputException(Diagnostic.error(SourceLocation.of(name), "larger than 1 MiB",
                        "a topology lists a few nodes"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(Diagnostic.error(SourceLocation.of(name), "cannot be read: " + e.getMessage(),
                    "check the file's permissions"));
        }
        return parse(text, dir, name);
    }

    /** Parses {@code text} as the topology of {@code folder}; {@code name} is the file name used in messages. */
    static Topology parse(String text, Path folder, String name) {
        LocatedDocument document;
        try {
            LoaderOptions loader = new LoaderOptions();
            loader.setMaxAliasesForCollections(10);
            loader.setAllowDuplicateKeys(false);
            loader.setNestingDepthLimit(16);
            YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(Json.readConstraints())
                    .build();
            try (JsonParser parser = factory.createParser(text)) {
                List<LocatedDocument> documents = LocatedTreeReader.readAll(parser, name);
                if (documents.size() != 1) {
                    throw new InvalidInputException(Diagnostic.error(SourceLocation.of(name), documents.isEmpty()
                            ? "is empty" : "holds " + documents.size() + " YAML documents", "write one document: " + SHAPE));
                }
                document = documents.get(0);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new InvalidInputException(Diagnostic.error(new SourceLocation(name, line, column),
                    "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""), SHAPE));
        } catch (IOException e) {
            throw new InvalidInputException(Diagnostic.error(SourceLocation.of(name), "cannot be read: " + e.getMessage(),
                    SHAPE));
        }
        return new Reader(folder, document.sourceMap()).read(document.root());
    }

    /** Walks the tree, collecting every problem with its line. */
    private static final class Reader {

        private final Path folder;
        private final SourceMap map;
        private final List<Diagnostic> problems = new ArrayList<>();

        Reader(Path folder, SourceMap map) {
            this.folder = folder;
            this.map = map;
        }

        private void problem(String pointer, String message, String hint) {
            problems.add(Diagnostic.error(map.locate(pointer), message, hint));
        }

        Topology read(JsonNode root) {
            if (!root.isObject()) {
                problem("", "must be a mapping", SHAPE);
                throw new InvalidInputException(problems);
            }
            unknownFields(root, "", TOP_FIELDS, "top level");
            List<Path> files = paths(root, "/files", false);
            List<Path> path = paths(root, "/path", true);
            Map<String, String> env = env(root.get("env"), "/env");
            List<Node> nodes = new ArrayList<>();
            JsonNode list = root.get("nodes");
            if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
                problem("", "no nodes", "list at least one under 'nodes', each with an 'id'");
            } else if (!list.isArray()) {
                problem("/nodes", "'nodes' must be a list", "write each node as '- id: NAME'");
            } else {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    Node node = node(list.get(i), "/nodes/" + i);
                    if (node != null) {
                        if (!ids.add(node.id())) {
                            problem("/nodes/" + i + "/id", "node " + node.id() + " is listed twice",
                                    "give each node its own id");
                        }
                        nodes.add(node);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Topology(folder, files, path, env, nodes, LocalDateTime.now());
        }

        private Node node(JsonNode value, String pointer) {
            if (!value.isObject()) {
                problem(pointer, "a node must be a mapping", "write '- id: NAME' with 'labels', 'config' and 'env'");
                return null;
            }
            unknownFields(value, pointer, NODE_FIELDS, "a node");
            JsonNode idNode = value.get("id");
            String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
            if (id == null) {
                problem(pointer, "a node has no 'id'", "give every node an id, such as server_1");
                return null;
            }
            int before = problems.size();
            Names.problem("node", id).ifPresent(p -> problem(pointer + "/id", p, "rename the node"));
            List<String> labels = new ArrayList<>();
            JsonNode labelList = value.get("labels");
            if (labelList != null && !labelList.isNull()) {
                if (!labelList.isArray()) {
                    problem(pointer + "/labels", "'labels' must be a list", "write labels: [server]");
                } else {
                    for (int i = 0; i < labelList.size(); i++) {
                        String label = labelList.get(i).asText();
                        Names.problem("label", label).ifPresent(p -> problem(pointer + "/labels", p, "rename the label"));
                        labels.add(label);
                    }
                }
            }
            Path config = null;
            JsonNode configNode = value.get("config");
            if (configNode != null && !configNode.isNull()) {
                config = folder.resolve(configNode.asText()).normalize();
                if (!Files.isRegularFile(config)) {
                    problem(pointer + "/config", "node " + id + " reads " + configNode.asText() + ", which is not a file in "
                            + folder, "give the path of its supervisord configuration, relative to " + Topology.FILE_NAME);
                }
            }
            Map<String, String> env = env(value.get("env"), pointer + "/env");
            return problems.size() > before && !Names.isValid(id) ? null : new Node(id, labels, config, env);
        }

        private List<Path> paths(JsonNode root, String pointer, boolean folders) {
            JsonNode list = root.get(pointer.substring(1));
            List<Path> paths = new ArrayList<>();
            if (list == null || list.isNull()) {
                return paths;
            }
            if (!list.isArray()) {
                problem(pointer, "'" + pointer.substring(1) + "' must be a list of paths", "write "
                        + pointer.substring(1) + ": [" + (folders ? "bin" : "etc/supvisors_rules.xml") + "]");
                return paths;
            }
            for (int i = 0; i < list.size(); i++) {
                String written = list.get(i).asText();
                Path resolved = folder.resolve(written).normalize();
                boolean ok = folders ? Files.isDirectory(resolved) : Files.exists(resolved);
                if (!ok) {
                    problem(pointer + "/" + i, written + " is not a " + (folders ? "folder" : "file") + " in " + folder,
                            "paths are relative to the folder holding " + Topology.FILE_NAME);
                }
                paths.add(resolved);
            }
            return paths;
        }

        private Map<String, String> env(JsonNode value, String pointer) {
            Map<String, String> env = new LinkedHashMap<>();
            if (value == null || value.isNull()) {
                return env;
            }
            if (!value.isObject()) {
                problem(pointer, "'env' must be a mapping of variable names to values", "write env: {IDENTIFIER: \"{id}\"}");
                return env;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String child = SourceMap.child(pointer, entry.getKey());
                if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                    problem(child, "'" + entry.getKey() + "' is not an environment variable name",
                            "use letters, digits and '_', not starting with a digit");
                }
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    problem(child, "the value of " + entry.getKey() + " must be a string", "quote it");
                    continue;
                }
                String text = entry.getValue().asText();
                Matcher matcher = Topology.PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                    if (!Topology.PLACEHOLDERS.contains(matcher.group(1))) {
                        problem(child, "unknown placeholder {" + matcher.group(1) + "} in " + entry.getKey(),
                                "the placeholders are {id}, {date} and {time}");
                    }
                }
                env.put(entry.getKey(), text);
            }
            return env;
        }

        private void unknownFields(JsonNode object, String pointer, Set<String> known, String where) {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!known.contains(field)) {
                    problem(SourceMap.child(pointer, field), "unknown field '" + field + "' in " + where, SHAPE);
                }
            }
        }
    }
}
