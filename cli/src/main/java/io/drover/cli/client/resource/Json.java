package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small readers of the operator's JSON answers, absent fields read as null. */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode value = node;
        for (String field : path) {
            if (value == null) {
                return null;
            }
            value = value.get(field);
        }
        return value;
    }

    static List<JsonNode> items(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(items::add);
        return items;
    }

    static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
