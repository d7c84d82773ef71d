package io.drover.api.rules;

import io.drover.api.model.StartingStrategy;
import java.util.List;

/**
 * What rule resolution needs besides the rules: the default starting strategy of applications (Supvisors option
 * {@code starting_strategy}, CONFIG unless set) and, optionally, the ordered known nodes, used only to resolve an
 * application-level {@code #} combined with {@code *} (Supvisors resolves it against the instances it knows).
 */
public record ResolverOptions(StartingStrategy defaultStartingStrategy, List<KnownNode> knownNodes) {

    public ResolverOptions {
        defaultStartingStrategy = defaultStartingStrategy == null ? StartingStrategy.CONFIG : defaultStartingStrategy;
        knownNodes = knownNodes == null ? List.of() : List.copyOf(knownNodes);
    }

    public static ResolverOptions defaults() {
        return new ResolverOptions(StartingStrategy.CONFIG, List.of());
    }

    public ResolverOptions withDefaultStartingStrategy(StartingStrategy strategy) {
        return new ResolverOptions(strategy, knownNodes);
    }

    public ResolverOptions withKnownNodes(List<KnownNode> nodes) {
        return new ResolverOptions(defaultStartingStrategy, nodes);
    }
}
