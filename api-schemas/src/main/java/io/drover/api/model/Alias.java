package io.drover.api.model;

import java.util.List;

/** A name standing for a list of identifiers (Supvisors {@code <alias>}). Aliases expand in declaration order. */
public record Alias(String name, List<String> identifiers) {

    public Alias {
        identifiers = identifiers == null ? null : List.copyOf(identifiers);
    }
}
