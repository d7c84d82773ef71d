package io.drover.api.rules;

import java.util.List;
import java.util.Objects;

/**
 * A node as identifiers see it: its id and its labels (Supvisors stereotypes). Lists of nodes are ordered; that order
 * plays the part of Supvisors' {@code supvisors_list} order (candidates, {@code *}, {@code #} roll-over).
 */
public record KnownNode(String id, List<String> labels) {

    public KnownNode {
        Objects.requireNonNull(id, "id");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public static KnownNode of(String id, String... labels) {
        return new KnownNode(id, List.of(labels));
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }
}
