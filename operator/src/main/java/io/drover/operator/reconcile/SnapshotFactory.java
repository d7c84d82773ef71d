package io.drover.operator.reconcile;

import io.drover.api.keyspace.ParsedKey;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.KnownNode;
import io.drover.api.rules.ResolverOptions;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Intent;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.Versioned;
import io.drover.operator.informer.ClusterCache;
import io.drover.operator.planning.ApplicationDefinition;
import io.drover.operator.planning.ClusterSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the planner's immutable {@link ClusterSnapshot} from the informer caches. Nodes are listed in a stable,
 * natural order of their ids (server_2 before server_10), which is the order CONFIG, {@code *} and {@code #} follow.
 */
public final class SnapshotFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFactory.class);
    private static final Comparator<String> NATURAL = new NaturalOrder();

    private final ClusterCache cache;
    /** Resolved applications by key, valid while {@link #resolvedContext} (rule sets and nodes) is unchanged. */
    private final Map<String, ApplicationDefinition> resolved = new HashMap<>();
    private String resolvedContext = "";

    public SnapshotFactory(ClusterCache cache) {
        this.cache = cache;
    }

    /** Called from one worker thread at a time (the reconciler's). */
    public synchronized ClusterSnapshot build(Instant now, long epoch, boolean nodeLossHandlingAllowed) {
        ClusterSnapshot.Builder snapshot = ClusterSnapshot.builder().now(now).epoch(epoch)
                .nodeLossHandlingAllowed(nodeLossHandlingAllowed);
        List<NodeInfo> nodes = new ArrayList<>(cache.nodes().snapshot().values().stream().map(Versioned::value).toList());
        nodes.sort(Comparator.comparing(NodeInfo::nodeId, NATURAL));
        nodes.forEach(snapshot::node);

        Collection<Versioned<RuleSet>> ruleSetValues = cache.ruleSets().snapshot().values();
        // resolved rules only change with the application, the rule sets or the nodes: reuse them otherwise
        String context = ruleSetValues.stream().map(v -> v.key() + "@" + v.modRevision()).collect(Collectors.joining(","))
                + "|" + nodes.stream().map(n -> n.nodeId() + n.labels()).collect(Collectors.joining(","));
        if (!context.equals(resolvedContext)) {
            resolved.clear();
            resolvedContext = context;
        }
        RuleResolver resolver = null;
        Map<String, ApplicationDefinition> current = new HashMap<>();
        for (Versioned<Application> application : cache.applications().snapshot().values()) {
            ApplicationDefinition definition = resolved.get(application.key());
            if (definition == null || definition.resourceVersion() != application.modRevision()) {
                if (resolver == null) {
                    List<Sourced<RuleSet>> ruleSets = ruleSetValues.stream()
                            .map(v -> Sourced.generated(v.value(), v.key())).toList();
                    resolver = new RuleResolver(ruleSets, ResolverOptions.defaults()
                            .withKnownNodes(nodes.stream().map(n -> new KnownNode(n.nodeId(), n.labels())).toList()));
                }
                try {
                    definition = ApplicationDefinition.resolve(Sourced.generated(application.value(), application.key()),
                            application.modRevision(), resolver);
                } catch (RuntimeException e) {
                    // validated when applied; a value that still cannot be resolved must not stop the others
                    LOG.error("application {} cannot be resolved and is left alone: {}", application.key(), e.toString());
                    continue;
                }
            }
            current.put(application.key(), definition);
            snapshot.application(definition);
        }
        resolved.clear();
        resolved.putAll(current);
        for (Versioned<Assignment> assignment : cache.assignments().snapshot().values()) {
            node(assignment.key()).ifPresent(node -> snapshot.assignment(node, assignment.value(), assignment.modRevision()));
        }
        for (Versioned<ProcessStatus> process : cache.processes().snapshot().values()) {
            cache.keyspace().parse(process.key())
                    .filter(ParsedKey.ProcessKey.class::isInstance).map(ParsedKey.ProcessKey.class::cast)
                    .ifPresent(key -> snapshot.observed(key.process().node(), key.process().application(),
                            key.process().process(), process.value()));
        }
        for (Versioned<Intent> intent : cache.intents().snapshot().values()) {
            cache.keyspace().parse(intent.key()).filter(ParsedKey.IntentKey.class::isInstance)
                    .map(ParsedKey.IntentKey.class::cast)
                    .ifPresent(key -> snapshot.intent(key.application(), intent.value()));
        }
        for (Versioned<ApplicationStatus> status : cache.applicationStatuses().snapshot().values()) {
            cache.keyspace().parse(status.key()).filter(ParsedKey.ApplicationStatusKey.class::isInstance)
                    .map(ParsedKey.ApplicationStatusKey.class::cast)
                    .ifPresent(key -> snapshot.status(key.application(), status.value()));
        }
        cache.systemRequests().get(cache.keyspace().systemRequest())
                .ifPresent(v -> snapshot.systemRequest(v.value(), v.modRevision()));
        return snapshot.build();
    }

    private Optional<String> node(String assignmentKey) {
        return cache.keyspace().parse(assignmentKey).filter(ParsedKey.AssignmentKey.class::isInstance)
                .map(k -> ((ParsedKey.AssignmentKey) k).process().node());
    }

    /** Orders names with numbers by their numbers: node_2 before node_10. */
    static final class NaturalOrder implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char x = a.charAt(i);
                char y = b.charAt(j);
                if (Character.isDigit(x) && Character.isDigit(y)) {
                    int endA = i;
                    while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                        endA++;
                    }
                    int endB = j;
                    while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                        endB++;
                    }
                    int byValue = new java.math.BigInteger(a.substring(i, endA)).compareTo(new java.math.BigInteger(b.substring(j, endB)));
                    if (byValue != 0) {
                        return byValue;
                    }
                    i = endA;
                    j = endB;
                } else {
                    if (x != y) {
                        return Character.compare(x, y);
                    }
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
