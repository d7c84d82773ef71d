package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource as {@code get} shows it: a key that orders and identifies it across reads (a watch compares by it),
 * its name as {@code -o name} prints it (without the kind), and the JSON object {@code -o json|yaml} prints.
 */
public record Item(String key, String name, JsonNode object) {
}
