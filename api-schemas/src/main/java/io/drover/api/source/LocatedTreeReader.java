package io.drover.api.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.diagnostics.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Jackson trees from a token stream (JSON, or every document of a multi-document YAML stream) while
 * recording the line and column of each field and array element. Jackson's own trees forget locations; validation
 * needs them to say where a problem is.
 */
public final class LocatedTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private Map<String, SourceLocation> locations;

    private LocatedTreeReader(String file) {
        this.file = file;
    }

    /** Every non-empty root value of the stream, in order. */
    public static List<LocatedDocument> readAll(JsonParser parser, String file) throws IOException {
        LocatedTreeReader reader = new LocatedTreeReader(file);
        List<LocatedDocument> documents = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.VALUE_NULL) {
                continue; // an empty YAML document ("---" followed by nothing)
            }
            reader.locations = new HashMap<>();
            SourceLocation start = reader.location(parser.currentTokenLocation());
            reader.locations.put("", start);
            JsonNode root = reader.value(parser, "");
            documents.add(new LocatedDocument(root, new SourceMap(file, start, reader.locations)));
        }
        return documents;
    }

    private JsonNode value(JsonParser parser, String pointer) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPointer = SourceMap.child(pointer, name);
                    locations.put(childPointer, location(parser.currentTokenLocation()));
                    parser.nextToken();
                    object.set(name, value(parser, childPointer));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String childPointer = SourceMap.child(pointer, index++);
                    locations.put(childPointer, location(parser.currentTokenLocation()));
                    array.add(value(parser, childPointer));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // embedded objects and the like do not occur in YAML or JSON text; keep their text
                return NODES.textNode(parser.getText());
        }
    }

    private SourceLocation location(JsonLocation location) {
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }
}
