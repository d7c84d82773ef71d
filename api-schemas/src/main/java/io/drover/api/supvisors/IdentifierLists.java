package io.drover.api.supvisors;

import java.util.Arrays;
import java.util.List;

/** The comma-separated lists of {@code <alias>} and {@code <identifiers>}, read as Supvisors reads them. */
final class IdentifierLists {

    private IdentifierLists() {
    }

    /** Splits on commas, trims each name and drops the empty ones: {@code " a, ,b,"} gives {@code [a, b]}. */
    static List<String> split(String text) {
        return Arrays.stream(text.split(",", -1))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
