package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.KnownNode;
import io.drover.api.rules.ResolverOptions;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.api.store.Versioned;
import io.drover.operator.informer.ClusterCache;
import io.drover.operator.planning.ApplicationDefinition;
import io.drover.operator.planning.ApplicationPlanner;
import io.drover.operator.planning.ClusterSnapshot;
import io.drover.operator.planning.PlacementPreview;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.reconcile.SnapshotFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The placement preview of a dry-run apply: the cluster as this replica's caches show it, with the applied rule sets
 * and applications in it, planned until nothing more would start ({@link PlacementPreview}).
 */
final class DryRunPreview {

    private final ClusterCache cache;
    private final Keyspace keys;
    private final ApplicationPlanner planner;

    DryRunPreview(ClusterCache cache, Keyspace keys, PlannerSettings settings) {
        this.cache = cache;
        this.keys = keys;
        this.planner = new ApplicationPlanner(settings);
    }

    List<Map<String, Object>> of(List<RuleSet> ruleSets, List<Application> applications) {
        ClusterSnapshot cluster = new SnapshotFactory(cache).build(Instant.now(), 1, false);
        Map<String, RuleSet> effectiveRuleSets = new LinkedHashMap<>();
        for (Versioned<RuleSet> stored : cache.ruleSets().snapshot().values()) {
            effectiveRuleSets.put(stored.value().name(), stored.value());
        }
        ruleSets.forEach(ruleSet -> effectiveRuleSets.put(ruleSet.name(), ruleSet));
        RuleResolver resolver = new RuleResolver(effectiveRuleSets.values().stream()
                .map(r -> Sourced.generated(r, keys.ruleSet(r.name()))).toList(), ResolverOptions.defaults()
                .withKnownNodes(cluster.nodes().stream().map(n -> new KnownNode(n.nodeId(), n.labels())).toList()));
        ClusterSnapshot.Builder withApplied = cluster.toBuilder();
        List<String> names = new ArrayList<>();
        for (Application application : applications) {
            long version = cache.applications().get(keys.application(application.name())).map(Versioned::modRevision)
                    .orElse(0L) + 1;
            withApplied.application(ApplicationDefinition.resolve(Sourced.generated(application,
                    keys.application(application.name())), version, resolver));
            names.add(application.name());
        }
        List<Map<String, Object>> previews = new ArrayList<>();
        for (PlacementPreview.ApplicationPreview preview : PlacementPreview.of(withApplied.build(), names, planner)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("application", preview.application());
            item.put("placement", preview.placement());
            item.put("outcome", preview.outcome());
            previews.add(item);
        }
        return previews;
    }
}
