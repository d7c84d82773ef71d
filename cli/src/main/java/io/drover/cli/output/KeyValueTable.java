package io.drover.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints a value's fields as aligned "name  value" lines, under the names its JSON form uses. */
public final class KeyValueTable {

    private KeyValueTable() {
    }

    /** {@code title}, then one indented line per field of {@code value}; lists are comma-separated. */
    public static String render(String title, Object value) {
        return render(title, value, Map.of());
    }

    /** As {@link #render(String, Object)}, with the text of some fields given by the caller. */
    public static String render(String title, Object value, Map<String, String> texts) {
        JsonNode tree = Json.mapper().valueToTree(value);
        List<String[]> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            rows.add(new String[] {field.getKey(), texts.getOrDefault(field.getKey(), text(field.getValue()))});
        }
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        for (String[] row : rows) {
            out.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1])
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            return items.isEmpty() ? "-" : String.join(", ", items);
        }
        if (node.isObject()) {
            List<String> pairs = new ArrayList<>();
            node.fields().forEachRemaining(f -> pairs.add(f.getKey() + "=" + text(f.getValue())));
            return String.join(", ", pairs);
        }
        return node.asText();
    }
}
