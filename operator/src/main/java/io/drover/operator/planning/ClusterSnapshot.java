package io.drover.operator.planning;

import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Intent;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessStatus;
import io.drover.api.state.SystemRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything the planner decides from, frozen: the alive nodes (in the order that stands for Supvisors'
 * {@code supvisors_list}), the applications with their resolved rules, every assignment with its mod_revision,
 * every process state the agents report, the users' intents, the statuses last written, the time, the leader's
 * fencing epoch, and whether node loss may be acted on yet (DESIGN rule 9: a new leader waits one lease period).
 *
 * <p>Built once per reconcile from the informer caches with {@link #builder()}; immutable and safe to share. An
 * application that has assignments or a status but no definition has been deleted.
 */
public final class ClusterSnapshot {

    private final Instant now;
    private final long epoch;
    private final boolean nodeLossHandlingAllowed;
    private final boolean membershipSettled;
    private final SystemRequest systemRequest;
    private final long systemRequestRevision;
    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> nodesById;
    private final Map<String, ApplicationDefinition> applications;
    private final Map<String, Map<String, Map<String, AssignmentRecord>>> assignments;
    private final Map<String, Map<String, Map<String, ProcessStatus>>> observed;
    private final Map<String, Intent> intents;
    private final Map<String, ApplicationStatus> statuses;
    private final long revision;
    /** Derived values, computed once per snapshot (pure: the same inputs always give the same values). */
    private final Map<Object, Object> memo = new ConcurrentHashMap<>();

    private ClusterSnapshot(Builder b) {
        this.now = Objects.requireNonNull(b.now, "now");
        this.epoch = b.epoch;
        this.nodeLossHandlingAllowed = b.nodeLossHandlingAllowed;
        this.membershipSettled = b.membershipSettled;
        this.systemRequest = b.systemRequest;
        this.systemRequestRevision = b.systemRequestRevision;
        this.nodes = List.copyOf(b.nodes.values());
        this.nodesById = Collections.unmodifiableMap(new LinkedHashMap<>(b.nodes));
        this.applications = Collections.unmodifiableMap(new TreeMap<>(b.applications));
        this.assignments = freeze(b.assignments);
        this.observed = freeze(b.observed);
        this.intents = Collections.unmodifiableMap(new TreeMap<>(b.intents));
        this.statuses = Collections.unmodifiableMap(new TreeMap<>(b.statuses));
        long max = b.revision;
        for (var byProcess : b.assignments.values()) {
            for (var byNode : byProcess.values()) {
                for (AssignmentRecord record : byNode.values()) {
                    max = Math.max(max, record.modRevision());
                }
            }
        }
        for (var byProcess : b.observed.values()) {
            for (var byNode : byProcess.values()) {
                for (ProcessStatus status : byNode.values()) {
                    max = Math.max(max, status.assignmentRevision());
                }
            }
        }
        this.revision = max;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything this snapshot holds, to derive a changed snapshot. */
    public Builder toBuilder() {
        Builder b = new Builder().now(now).epoch(epoch).nodeLossHandlingAllowed(nodeLossHandlingAllowed)
                .membershipSettled(membershipSettled).systemRequest(systemRequest, systemRequestRevision).revision(revision);
        nodes.forEach(b::node);
        applications.values().forEach(b::application);
        assignments.values().forEach(byProcess -> byProcess.values().forEach(byNode -> byNode.values()
                .forEach(r -> b.assignment(r.node(), r.assignment(), r.modRevision()))));
        observed.forEach((app, byProcess) -> byProcess.forEach((process, byNode) -> byNode
                .forEach((node, status) -> b.observed(node, app, process, status))));
        intents.forEach(b::intent);
        statuses.forEach(b::status);
        return b;
    }

    public Instant now() {
        return now;
    }

    /** The leader's fencing epoch (create_revision of the leader key), written into every assignment. */
    public long epoch() {
        return epoch;
    }

    public boolean nodeLossHandlingAllowed() {
        return nodeLossHandlingAllowed;
    }

    /**
     * Whether the nodes had the time to register: every expected node is alive, or the leader has led for one node
     * lease period. Automatic starts begin only then, as Supvisors' start sequence waits for its synchronization
     * phase: placed any sooner, a start would pile everything on the first node to register, or abort for want of
     * a node that is a few milliseconds away.
     */
    public boolean membershipSettled() {
        return membershipSettled;
    }

    /** The request about every managed application at once (SHUTDOWN, RESTART), when there is one. */
    public Optional<SystemRequest> systemRequest() {
        return Optional.ofNullable(systemRequest);
    }

    /** The mod_revision of the system request key (0: absent), the condition of a write replacing it. */
    public long systemRequestRevision() {
        return systemRequestRevision;
    }

    /** The highest revision the snapshot knows of (assignments and acknowledgements included). */
    public long revision() {
        return revision;
    }

    public List<NodeInfo> nodes() {
        return nodes;
    }

    public Optional<NodeInfo> node(String nodeId) {
        return Optional.ofNullable(nodesById.get(nodeId));
    }

    public boolean isAlive(String nodeId) {
        return nodesById.containsKey(nodeId);
    }

    public Map<String, ApplicationDefinition> applications() {
        return applications;
    }

    public Optional<ApplicationDefinition> application(String name) {
        return Optional.ofNullable(applications.get(name));
    }

    /** Every application the planner has something to do for: defined, or still holding assignments or a status. */
    public Set<String> applicationNames() {
        Set<String> names = new TreeSet<>(applications.keySet());
        names.addAll(assignments.keySet());
        names.addAll(statuses.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** Assignments of an application: process name → node → record. */
    public Map<String, Map<String, AssignmentRecord>> assignments(String application) {
        return assignments.getOrDefault(application, Map.of());
    }

    /** Every assignment: application → process → node → record. */
    public Map<String, Map<String, Map<String, AssignmentRecord>>> assignments() {
        return assignments;
    }

    /** Reported process states of an application: process name → node → status. */
    public Map<String, Map<String, ProcessStatus>> observed(String application) {
        return observed.getOrDefault(application, Map.of());
    }

    public Map<String, Map<String, Map<String, ProcessStatus>>> observed() {
        return observed;
    }

    public Optional<Intent> intent(String application) {
        return Optional.ofNullable(intents.get(application));
    }

    public Map<String, Intent> intents() {
        return intents;
    }

    public Optional<ApplicationStatus> status(String application) {
        return Optional.ofNullable(statuses.get(application));
    }

    public Map<String, ApplicationStatus> statuses() {
        return statuses;
    }

    /**
     * A value derived from this snapshot only, computed once. Not {@code computeIfAbsent}: computations nest (the
     * automatic start order plans other applications, which read the load census), and a map must not be updated
     * from inside its own update. Two threads may compute the same value; they get the same result anyway.
     */
    @SuppressWarnings("unchecked")
    <K, V> V memo(K key, Function<K, V> compute) {
        Object known = memo.get(key);
        if (known == null) {
            Object computed = compute.apply(key);
            known = memo.putIfAbsent(key, computed);
            if (known == null) {
                known = computed;
            }
        }
        return (V) known;
    }

    private static <V> Map<String, Map<String, Map<String, V>>> freeze(Map<String, Map<String, Map<String, V>>> source) {
        Map<String, Map<String, Map<String, V>>> frozen = new TreeMap<>();
        source.forEach((app, byProcess) -> {
            Map<String, Map<String, V>> processes = new TreeMap<>();
            byProcess.forEach((process, byNode) -> processes.put(process, Collections.unmodifiableMap(new TreeMap<>(byNode))));
            frozen.put(app, Collections.unmodifiableMap(processes));
        });
        return Collections.unmodifiableMap(frozen);
    }

    /** Collects a snapshot. Later calls for the same key replace earlier ones. */
    public static final class Builder {
        private Instant now;
        private long epoch = 1;
        private boolean nodeLossHandlingAllowed;
        private boolean membershipSettled = true;
        private SystemRequest systemRequest;
        private long systemRequestRevision;
        private long revision;
        private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        private final Map<String, ApplicationDefinition> applications = new LinkedHashMap<>();
        private final Map<String, Map<String, Map<String, AssignmentRecord>>> assignments = new LinkedHashMap<>();
        private final Map<String, Map<String, Map<String, ProcessStatus>>> observed = new LinkedHashMap<>();
        private final Map<String, Intent> intents = new LinkedHashMap<>();
        private final Map<String, ApplicationStatus> statuses = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder now(Instant value) {
            this.now = value;
            return this;
        }

        public Builder epoch(long value) {
            this.epoch = value;
            return this;
        }

        public Builder nodeLossHandlingAllowed(boolean value) {
            this.nodeLossHandlingAllowed = value;
            return this;
        }

        /** The system request and its key's mod_revision. */
        public Builder systemRequest(SystemRequest value, long modRevision) {
            this.systemRequest = value;
            this.systemRequestRevision = modRevision;
            return this;
        }

        public Builder membershipSettled(boolean value) {
            this.membershipSettled = value;
            return this;
        }

        /** The etcd revision the caches reflect (optional: the highest revision seen in the content otherwise). */
        public Builder revision(long value) {
            this.revision = value;
            return this;
        }

        /** An alive node; nodes keep the order they are added in. */
        public Builder node(NodeInfo node) {
            nodes.put(node.nodeId(), node);
            return this;
        }

        public Builder nodes(Collection<NodeInfo> values) {
            values.forEach(this::node);
            return this;
        }

        public Builder removeNode(String nodeId) {
            nodes.remove(nodeId);
            return this;
        }

        public Builder application(ApplicationDefinition application) {
            applications.put(application.name(), application);
            return this;
        }

        public Builder removeApplication(String name) {
            applications.remove(name);
            return this;
        }

        public Builder assignment(String node, Assignment assignment, long modRevision) {
            assignments.computeIfAbsent(assignment.application(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(assignment.process(), k -> new LinkedHashMap<>())
                    .put(node, new AssignmentRecord(node, assignment, modRevision));
            return this;
        }

        public Builder removeAssignment(String node, String application, String process) {
            Map<String, Map<String, AssignmentRecord>> byProcess = assignments.get(application);
            if (byProcess != null && byProcess.containsKey(process)) {
                byProcess.get(process).remove(node);
                if (byProcess.get(process).isEmpty()) {
                    byProcess.remove(process);
                }
                if (byProcess.isEmpty()) {
                    assignments.remove(application);
                }
            }
            return this;
        }

        public Builder observed(String node, String application, String process, ProcessStatus status) {
            observed.computeIfAbsent(application, k -> new LinkedHashMap<>())
                    .computeIfAbsent(process, k -> new LinkedHashMap<>())
                    .put(node, status);
            return this;
        }

        public Builder removeObserved(String node, String application, String process) {
            Map<String, Map<String, ProcessStatus>> byProcess = observed.get(application);
            if (byProcess != null && byProcess.containsKey(process)) {
                byProcess.get(process).remove(node);
            }
            return this;
        }

        public Builder intent(String application, Intent intent) {
            intents.put(application, intent);
            return this;
        }

        public Builder removeIntent(String application) {
            intents.remove(application);
            return this;
        }

        public Builder status(String application, ApplicationStatus status) {
            statuses.put(application, status);
            return this;
        }

        public Builder removeStatus(String application) {
            statuses.remove(application);
            return this;
        }

        public ClusterSnapshot build() {
            return new ClusterSnapshot(this);
        }
    }

    /** All assignment records of every application, flattened (for load accounting). */
    List<AssignmentRecord> allAssignments() {
        List<AssignmentRecord> all = new ArrayList<>();
        assignments.values().forEach(byProcess -> byProcess.values().forEach(byNode -> all.addAll(byNode.values())));
        return all;
    }
}
