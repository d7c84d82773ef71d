package io.drover.api.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The special signs of an identifiers list, as {@code Parser.load_identifiers} reads them after alias expansion:
 * {@code *} (any node), {@code #} (spread a program family, or pick the Nth node for an application named
 * {@code .._N}) and {@code @} (one process per node, without roll-over).
 *
 * <p>The signs are removed from the list; a sign alone, or any list holding {@code *}, means every node ({@code [*]}).
 */
record Signs(boolean at, boolean hash, List<String> remainder) {

    static final String WILDCARD = "*";
    static final String HASHTAG = "#";
    static final String ATSIGN = "@";

    static Signs read(List<String> expanded) {
        List<String> remainder = new ArrayList<>(expanded);
        boolean at = remainder.remove(ATSIGN);
        boolean hash = remainder.remove(HASHTAG);
        if ((at || hash) && remainder.isEmpty() || remainder.contains(WILDCARD)) {
            remainder = List.of(WILDCARD);
        }
        return new Signs(at, hash, List.copyOf(remainder));
    }
}
