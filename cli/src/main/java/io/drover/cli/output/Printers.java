package io.drover.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drover.api.json.Json;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes values as JSON or YAML documents, with drover's mapper settings (absent values omitted, ISO dates). */
public final class Printers {

    private static final ObjectMapper JSON = Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = Json.configure(YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build()))
            .build();

    private Printers() {
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document, starting with {@code ---}. */
    public static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Several YAML documents in one stream, as {@code drover apply -f} reads them back. */
    public static String yamlDocuments(List<?> values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(yaml(v)));
        return out.toString();
    }
}
