package io.drover.api.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.json.Json;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.ApplicationSetSpec;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Kind;
import io.drover.api.model.ObjectMeta;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.source.LocatedDocument;
import io.drover.api.source.LocatedTreeReader;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads drover manifests (YAML with several documents, or JSON) into resources, each with where it was written.
 * Shape problems (syntax, unknown fields, wrong types and values) are reported all at once with file:line:column;
 * nothing is returned unless the whole file is valid, so a bad file changes nothing.
 */
public final class ManifestReader {

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    private final ObjectMapper yaml;
    private final ObjectMapper json;
    private final ResourceValidator validator = new ResourceValidator();

    public ManifestReader() {
        LoaderOptions loader = new LoaderOptions();
        // bounds that defeat "billion laughs" and absurd inputs before any tree is built
        loader.setMaxAliasesForCollections(50);
        loader.setAllowDuplicateKeys(false);
        loader.setNestingDepthLimit(64);
        loader.setCodePointLimit(Json.MAX_DOCUMENT_CHARS);
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(Json.readConstraints())
                .build();
        this.yaml = Json.configure(YAMLMapper.builder(yamlFactory)).build();
        JsonFactory jsonFactory = JsonFactory.builder().streamReadConstraints(Json.readConstraints()).build();
        this.json = Json.configure(com.fasterxml.jackson.databind.json.JsonMapper.builder(jsonFactory)).build();
    }

    /** Reads {@code text} (already size-checked and decoded) written in {@code format} (YAML or JSON). */
    public List<Sourced<Resource>> read(String text, String fileName, InputFormat format) {
        ObjectMapper mapper = format == InputFormat.JSON ? json : yaml;
        List<LocatedDocument> documents;
        try (JsonParser parser = mapper.createParser(text)) {
            documents = LocatedTreeReader.readAll(parser, fileName);
        } catch (StreamReadException e) {
            throw new InvalidInputException(syntaxError(e, fileName, format));
        } catch (IOException e) {
            throw new InvalidInputException(Diagnostic.error(SourceLocation.of(fileName),
                    "cannot read: " + e.getMessage(), null));
        }
        Diagnostics diagnostics = new Diagnostics();
        List<Sourced<Resource>> resources = new ArrayList<>();
        for (LocatedDocument document : documents) {
            Sourced<Resource> resource = toResource(document, mapper, diagnostics);
            if (resource != null) {
                diagnostics.addAll(validator.validate(resource));
                resources.add(resource);
            }
        }
        if (documents.isEmpty()) {
            diagnostics.error(SourceLocation.of(fileName), "the file holds no manifest",
                    "write at least one document with apiVersion: " + Resource.API_VERSION + ", kind, metadata and spec");
        }
        diagnostics.throwIfErrors();
        return resources;
    }

    private Sourced<Resource> toResource(LocatedDocument document, ObjectMapper mapper, Diagnostics diagnostics) {
        JsonNode root = document.root();
        SourceMap map = document.sourceMap();
        int errorsBefore = diagnostics.errors().size();
        if (!root.isObject()) {
            diagnostics.error(map.start(), "a manifest must be a mapping with apiVersion, kind, metadata and spec",
                    "start the document with 'apiVersion: " + Resource.API_VERSION + "'");
            return null;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL_FIELDS.contains(name)) {
                diagnostics.error(map.locate("/" + SourceMap.segment(name)), "unknown top-level field '" + name + "'",
                        "a manifest has only apiVersion, kind, metadata and spec");
            }
        }
        String apiVersion = root.path("apiVersion").asText(null);
        if (apiVersion == null || !root.get("apiVersion").isTextual()) {
            diagnostics.error(map.start(), "missing apiVersion", "add 'apiVersion: " + Resource.API_VERSION + "'");
        } else if (!Resource.API_VERSION.equals(apiVersion)) {
            diagnostics.error(map.locate("/apiVersion"), "unsupported apiVersion '" + apiVersion + "'",
                    "use 'apiVersion: " + Resource.API_VERSION + "'");
        }
        JsonNode kindNode = root.get("kind");
        Kind kind = null;
        if (kindNode == null || !kindNode.isTextual()) {
            diagnostics.error(map.start(), "missing kind", "add 'kind:' with one of " + Kind.allTexts());
        } else {
            kind = Kind.parse(kindNode.asText()).orElse(null);
            if (kind == null) {
                diagnostics.error(map.locate("/kind"), "unknown kind '" + kindNode.asText() + "'",
                        "use one of " + Kind.allTexts());
            }
        }
        ObjectMeta metadata = bind(root.get("metadata"), ObjectMeta.class, mapper, map, "/metadata", "metadata", diagnostics);
        if (root.get("metadata") == null) {
            diagnostics.error(map.start(), "missing metadata", "add 'metadata:' with a 'name:'");
        }
        if (root.get("spec") == null) {
            diagnostics.error(map.start(), "missing spec", "add the 'spec:' of the " + (kind == null ? "resource" : kind.text()));
        }
        if (kind == null || metadata == null || root.get("spec") == null) {
            return null;
        }
        Object spec = bind(root.get("spec"), kind.specType(), mapper, map, "/spec", kind.text() + " spec", diagnostics);
        if (spec == null || diagnostics.errors().size() > errorsBefore) {
            return null;
        }
        Resource resource = switch (kind) {
            case APPLICATION -> new Application(apiVersion, kind.text(), metadata, (ApplicationSpec) spec);
            case RULE_SET -> new RuleSet(apiVersion, kind.text(), metadata, (RuleSetSpec) spec);
            case APPLICATION_SET -> new ApplicationSet(apiVersion, kind.text(), metadata, (ApplicationSetSpec) spec);
        };
        return new Sourced<>(resource, map);
    }

    private static <T> T bind(JsonNode node, Class<T> type, ObjectMapper mapper, SourceMap map, String pointer, String what,
                              Diagnostics diagnostics) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            diagnostics.error(map.locate(pointer), what + " must be a mapping", "check the indentation under '"
                    + pointer.substring(1) + ":'");
            return null;
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            diagnostics.add(BindingErrors.toDiagnostic(e, map, pointer, what));
            return null;
        } catch (JsonProcessingException e) {
            diagnostics.error(map.locate(pointer), what + ": " + e.getOriginalMessage(), null);
            return null;
        }
    }

    private static Diagnostic syntaxError(StreamReadException e, String fileName, InputFormat format) {
        var location = e.getLocation();
        SourceLocation where = location == null ? SourceLocation.of(fileName)
                : new SourceLocation(fileName, location.getLineNr(), location.getColumnNr());
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        return Diagnostic.error(where, (format == InputFormat.JSON ? "invalid JSON: " : "invalid YAML: ") + message,
                "fix the syntax at this position");
    }
}
