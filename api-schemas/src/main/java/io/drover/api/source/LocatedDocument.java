package io.drover.api.source;

import com.fasterxml.jackson.databind.JsonNode;

/** One document of a file as a tree, with where each of its parts was written. */
public record LocatedDocument(JsonNode root, SourceMap sourceMap) {
}
