package io.drover.operator.informer;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Intent;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessStatus;
import io.drover.api.state.SystemRequest;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operator's view of the cluster: one {@link Informer} per kind of key it reads, each change turned into the
 * names of the applications it concerns and handed to {@code enqueue} (the work queue's {@code add}).
 *
 * <p>The first listing of each informer enqueues every application it mentions, so that the reconciler looks at
 * everything once at start. Reconcile only after {@link #hasSynced()}.
 */
public final class ClusterCache implements AutoCloseable {

    /** Re-list period of every informer, a safety net against a watch that went silent without an error. */
    public static final Duration DEFAULT_RELIST = Duration.ofMinutes(5);

    private final Keyspace keyspace;
    private final AffectedApplications affected;
    private final Consumer<String> enqueue;
    private final List<Informer<?>> all = new ArrayList<>();

    private final Informer<Application> applications;
    private final Informer<RuleSet> ruleSets;
    private final Informer<Intent> intents;
    private final Informer<NodeInfo> nodes;
    private final Informer<NodeStats> nodeStats;
    private final Informer<Assignment> assignments;
    private final Informer<ProcessStatus> processes;
    private final Informer<ApplicationStatus> applicationStatuses;
    private final Informer<SystemRequest> systemRequests;

    private ClusterCache(EtcdStore store, Keyspace keyspace, Consumer<String> enqueue, Duration relistEvery) {
        this.keyspace = keyspace;
        this.enqueue = enqueue;
        this.affected = new AffectedApplications(keyspace, new ClusterView() {
            @Override
            public Set<String> allApplications() {
                return ClusterCache.this.allApplications();
            }

            @Override
            public Set<String> applicationsOn(String node) {
                return ClusterCache.this.applicationsOn(node);
            }
        });
        try {
            applications = inform(store, keyspace.applicationsPrefix(), Application.class, "applications", relistEvery);
            ruleSets = inform(store, keyspace.ruleSetsPrefix(), RuleSet.class, "rulesets", relistEvery);
            intents = inform(store, keyspace.intentsPrefix(), Intent.class, "intents", relistEvery);
            nodes = inform(store, keyspace.nodesPrefix(), NodeInfo.class, "nodes", relistEvery);
            nodeStats = inform(store, keyspace.nodeStatsPrefix(), NodeStats.class, "nodestats", relistEvery);
            assignments = inform(store, keyspace.assignmentsPrefix(), Assignment.class, "assignments", relistEvery);
            processes = inform(store, keyspace.processesPrefix(), ProcessStatus.class, "processes", relistEvery);
            applicationStatuses = inform(store, keyspace.applicationStatusesPrefix(), ApplicationStatus.class,
                    "statuses", relistEvery);
            systemRequests = inform(store, keyspace.systemPrefix(), SystemRequest.class, "system", relistEvery);
            // started only now: their handlers read the other informers
            all.forEach(Informer::start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts every informer; changes go to {@code enqueue} as application names, from the informers' threads. */
    public static ClusterCache start(EtcdStore store, Keyspace keyspace, Consumer<String> enqueue) {
        return start(store, keyspace, enqueue, DEFAULT_RELIST);
    }

    /** Like {@link #start(EtcdStore, Keyspace, Consumer)}, re-listing every {@code relistEvery} (null: never). */
    public static ClusterCache start(EtcdStore store, Keyspace keyspace, Consumer<String> enqueue, Duration relistEvery) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(enqueue, "enqueue");
        return new ClusterCache(store, keyspace, enqueue, relistEvery);
    }

    private <T> Informer<T> inform(EtcdStore store, String prefix, Class<T> type, String name, Duration relistEvery) {
        Informer<T> informer = Informer.on(store, prefix, type)
                .name(name)
                .relistEvery(relistEvery)
                .handler((key, oldValue, newValue) -> affected.of(key, oldValue, newValue).forEach(enqueue))
                .build();
        all.add(informer);
        return informer;
    }

    // --- the caches ---

    public Informer<Application> applications() {
        return applications;
    }

    public Informer<RuleSet> ruleSets() {
        return ruleSets;
    }

    public Informer<Intent> intents() {
        return intents;
    }

    public Informer<NodeInfo> nodes() {
        return nodes;
    }

    public Informer<NodeStats> nodeStats() {
        return nodeStats;
    }

    public Informer<Assignment> assignments() {
        return assignments;
    }

    public Informer<ProcessStatus> processes() {
        return processes;
    }

    public Informer<ApplicationStatus> applicationStatuses() {
        return applicationStatuses;
    }

    /** The request about every managed application at once (SHUTDOWN, RESTART), under {@code system/}. */
    public Informer<SystemRequest> systemRequests() {
        return systemRequests;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** Whether every informer holds its first listing. */
    /**
     * Waits until every cache is complete up to {@code revision} (asking etcd to confirm progress for those that saw
     * no change since), so that a snapshot taken then is one consistent state rather than eight caches each at its
     * own point: an application must never be planned without the rule set written just before it. Returns whether
     * that happened within {@code timeout}.
     */
    public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextRequest = 0;
        while (true) {
            List<Informer<?>> behind = all.stream().filter(i -> i.revision() < revision).toList();
            if (behind.isEmpty()) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            if (now >= nextRequest) {
                behind.forEach(Informer::requestProgress);
                nextRequest = now + Duration.ofMillis(100).toNanos();
            }
            Thread.sleep(1);
        }
    }

    public boolean hasSynced() {
        return all.stream().allMatch(Informer::hasSynced);
    }

    /** Waits until every informer has synced; returns false if that did not happen within {@code timeout}. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Informer<?> informer : all) {
            if (!informer.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    // --- the applications, for the reconciler and the periodic resync ---

    /**
     * Every application with a spec, an intent, an assignment or an observed process: the keys a full resync
     * enqueues. Applications known only by their assignments or processes are orphans the reconciler cleans up.
     */
    public Set<String> allApplications() {
        Set<String> names = new TreeSet<>();
        for (String key : applications.snapshot().keySet()) {
            keyspace.parse(key).filter(ParsedKey.ApplicationKey.class::isInstance)
                    .ifPresent(parsed -> names.add(((ParsedKey.ApplicationKey) parsed).application()));
        }
        for (String key : intents.snapshot().keySet()) {
            keyspace.parse(key).filter(ParsedKey.IntentKey.class::isInstance)
                    .ifPresent(parsed -> names.add(((ParsedKey.IntentKey) parsed).application()));
        }
        names.addAll(applicationsIn(assignments.snapshot().keySet(), keyspace::parseAssignment));
        names.addAll(applicationsIn(processes.snapshot().keySet(), keyspace::parseProcess));
        return names;
    }

    /** Applications with an assignment or an observed process on {@code node}. */
    public Set<String> applicationsOn(String node) {
        Set<String> names = new TreeSet<>();
        names.addAll(applicationsIn(assignments.withPrefix(keyspace.assignmentsPrefix(node)).keySet(), keyspace::parseAssignment));
        names.addAll(applicationsIn(processes.withPrefix(keyspace.processesPrefix(node)).keySet(), keyspace::parseProcess));
        return names;
    }

    private static Set<String> applicationsIn(Set<String> keys, Function<String, Optional<ProcessRef>> parse) {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            parse.apply(key).ifPresent(ref -> names.add(ref.application()));
        }
        return names;
    }

    /** The application spec named {@code application}, from the cache. */
    public Optional<Versioned<Application>> application(String application) {
        return applications.get(keyspace.application(application));
    }

    @Override
    public void close() {
        for (Informer<?> informer : all) {
            informer.close();
        }
    }
}
