package io.drover.operator.informer;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.Versioned;

import java.util.Objects;
import java.util.Set;

/**
 * Which applications a change of one key concerns: those to enqueue for reconciliation. Reconciles are
 * level-triggered, so enqueueing too much costs only time, while enqueueing too little leaves an application
 * waiting for the periodic resync; the choices below lean on the side of too much, except where a kind of key
 * changes often and concerns nobody in particular.
 */
final class AffectedApplications {

    private final Keyspace keyspace;
    private final ClusterView cluster;

    AffectedApplications(Keyspace keyspace, ClusterView cluster) {
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The applications concerned by {@code key} changing from {@code oldValue} to {@code newValue} (null: absent). */
    Set<String> of(String key, Versioned<?> oldValue, Versioned<?> newValue) {
        ParsedKey parsed = keyspace.parse(key).orElse(null);
        if (parsed instanceof ParsedKey.ApplicationKey k) {
            return Set.of(k.application());
        }
        if (parsed instanceof ParsedKey.IntentKey k) {
            return Set.of(k.application());
        }
        if (parsed instanceof ParsedKey.AssignmentKey k) {
            return Set.of(k.process().application());
        }
        if (parsed instanceof ParsedKey.ProcessKey k) {
            return Set.of(k.process().application());
        }
        if (parsed instanceof ParsedKey.SystemRequestKey) {
            // a shutdown or restart of the whole system concerns every application
            return cluster.allApplications();
        }
        if (parsed instanceof ParsedKey.RuleSetKey) {
            // a rule set applies to whichever applications its patterns match; finding them is the reconciler's job
            return cluster.allApplications();
        }
        if (parsed instanceof ParsedKey.NodeKey k) {
            return ofNode(k.node(), oldValue, newValue);
        }
        if (parsed instanceof ParsedKey.ApplicationStatusKey k) {
            // the leader is the only writer of statuses: a written status is already known to it. A deleted one must
            // be written again
            return newValue == null ? Set.of(k.application()) : Set.of();
        }
        // node statistics change every few seconds and matter only when placing, which the application's own
        // events, its retries and the periodic resync trigger; leader and event keys concern no application
        return Set.of();
    }

    private Set<String> ofNode(String node, Versioned<?> oldValue, Versioned<?> newValue) {
        if (oldValue == null || newValue == null) {
            // a new node may take applications that could not be placed; a lost node's applications must move
            return newValue == null ? cluster.applicationsOn(node) : cluster.allApplications();
        }
        if (oldValue.value() instanceof NodeInfo before && newValue.value() instanceof NodeInfo after
                && !placementMatters(before, after)) {
            // the agent restarted or was upgraded: its applications check their processes
            return cluster.applicationsOn(node);
        }
        return cluster.allApplications();
    }

    /** Whether the change can make the node eligible or ineligible for some application. */
    private static boolean placementMatters(NodeInfo before, NodeInfo after) {
        return !before.labels().equals(after.labels())
                || before.capacity() != after.capacity()
                || !before.hostId().equals(after.hostId());
    }
}
