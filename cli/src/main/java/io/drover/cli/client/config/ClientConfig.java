package io.drover.cli.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drover.cli.client.ClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client's connection file ({@code config.yaml}), shaped like a kubeconfig:
 * <pre>
 * current-context: prod
 * contexts:
 * - name: prod
 *   server: https://operator.example:7443
 *   token: s3cr3t-token
 *   certificate-authority: ca.pem      # relative to this file
 * </pre>
 */
public record ClientConfig(String currentContext, List<Context> contexts) {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()).build();
    private static final Set<String> TOP_FIELDS = Set.of("current-context", "contexts");
    private static final Set<String> CONTEXT_FIELDS = Set.of("name", "server", "token", "certificate-authority");

    public ClientConfig {
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public static ClientConfig empty() {
        return new ClientConfig(null, List.of());
    }

    public Optional<Context> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** This configuration with {@code context} added, or replacing the one of the same name. */
    public ClientConfig with(Context context) {
        List<Context> updated = new ArrayList<>();
        boolean replaced = false;
        for (Context existing : contexts) {
            if (existing.name().equals(context.name())) {
                updated.add(context);
                replaced = true;
            } else {
                updated.add(existing);
            }
        }
        if (!replaced) {
            updated.add(context);
        }
        return new ClientConfig(currentContext, updated);
    }

    public ClientConfig withCurrentContext(String name) {
        return new ClientConfig(name, contexts);
    }

    /** Reads {@code file}; an absent file is an empty configuration. Mistakes name the file and the field. */
    public static ClientConfig read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ClientException.error(file + ": cannot read the client configuration: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return empty();
        }
        if (!tree.isObject()) {
            throw ClientException.error(file + ": the client configuration must be a mapping with current-context"
                    + " and contexts");
        }
        checkFields(file, "", tree, TOP_FIELDS);
        List<Context> contexts = new ArrayList<>();
        JsonNode list = tree.path("contexts");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw ClientException.error(file + ": 'contexts' must be a list of {name, server, token,"
                        + " certificate-authority}");
            }
            for (JsonNode item : list) {
                String where = "contexts[" + contexts.size() + "]";
                if (!item.isObject()) {
                    throw ClientException.error(file + ": " + where + " must be a mapping");
                }
                checkFields(file, where + ".", item, CONTEXT_FIELDS);
                String name = text(item, "name");
                if (name == null || name.isBlank()) {
                    throw ClientException.error(file + ": " + where + " has no name");
                }
                if (contexts.stream().anyMatch(c -> c.name().equals(name))) {
                    throw ClientException.error(file + ": the context '" + name + "' is defined twice");
                }
                String ca = text(item, "certificate-authority");
                if (ca != null && !Path.of(ca).isAbsolute() && file.toAbsolutePath().getParent() != null) {
                    ca = file.toAbsolutePath().getParent().resolve(ca).toString();
                }
                contexts.add(new Context(name, text(item, "server"), text(item, "token"), ca));
            }
        }
        return new ClientConfig(text(tree, "current-context"), contexts);
    }

    /** Writes this configuration to {@code file}, readable by its owner only since it holds tokens. */
    public void write(Path file) {
        ObjectNode root = YAML.createObjectNode();
        if (currentContext != null) {
            root.put("current-context", currentContext);
        }
        ArrayNode list = root.putArray("contexts");
        for (Context context : contexts) {
            ObjectNode item = list.addObject();
            item.put("name", context.name());
            putIfSet(item, "server", context.server());
            putIfSet(item, "token", context.token());
            putIfSet(item, "certificate-authority", context.certificateAuthority());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(temporary, YAML.writeValueAsString(root), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: nothing more to restrict
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ClientException.error("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void checkFields(Path file, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ClientException.error(file + ": unknown field '" + prefix + name + "'; the fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            JsonNode value = node.get(name);
            if (!"contexts".equals(name) && !value.isTextual() && !value.isNull()) {
                throw ClientException.error(file + ": '" + prefix + name + "' must be a string");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
