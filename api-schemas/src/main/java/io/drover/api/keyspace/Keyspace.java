package io.drover.api.keyspace;

import io.drover.api.model.Names;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Every etcd key drover reads or writes, under one configurable prefix (default {@value #DEFAULT_PREFIX}).
 *
 * <p>Key methods return full keys; {@code ...Prefix()} methods return the prefix to list or watch a whole kind.
 * Every name segment is checked with {@link Names#require}, so a key built here always parses back with
 * {@link #parse(String)}. Per-node prefixes exist for assignments and processes so that each node agent watches
 * only its own keys instead of every agent waking up for every change.
 */
public final class Keyspace {

    public static final String DEFAULT_PREFIX = "/drover/";

    private static final String VERSION = "v1/";
    private static final String APPLICATIONS = "applications/";
    private static final String APPLICATION_SETS = "applicationsets/";
    private static final String RULE_SETS = "rulesets/";
    private static final String INTENTS = "intents/";
    private static final String NODES = "nodes/";
    private static final String NODE_STATS = "nodestats/";
    private static final String ASSIGNMENTS = "assignments/";
    private static final String PROCESSES = "processes/";
    private static final String APPLICATION_STATUSES = "status/applications/";
    private static final String LEADER = "leader";
    private static final String EVENTS = "events/";
    private static final String SYSTEM = "system/";
    private static final String SYSTEM_REQUEST = SYSTEM + "request";

    /**
     * Fixed-width UTC time with nanoseconds, so that event keys sort by time as plain strings. Years beyond 9999
     * are refused rather than silently breaking the order.
     */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int EVENT_TIME_LENGTH = "20260101T000000.000000000Z".length();

    private static final Keyspace DEFAULT = new Keyspace(DEFAULT_PREFIX);

    private final String prefix;
    private final String root;

    private Keyspace(String prefix) {
        this.prefix = normalise(prefix);
        this.root = this.prefix + VERSION;
    }

    /** The keyspace under {@value #DEFAULT_PREFIX}. */
    public static Keyspace defaultKeyspace() {
        return DEFAULT;
    }

    /** The keyspace under {@code prefix}; a missing trailing '/' is added, so "/a" and "/a/" are the same. */
    public static Keyspace withPrefix(String prefix) {
        return new Keyspace(prefix);
    }

    /** The configured prefix, always ending with '/'. */
    public String prefix() {
        return prefix;
    }

    /** Prefix of every key of this version of the keyspace; watching it sees everything drover stores. */
    public String versionPrefix() {
        return root;
    }

    // --- desired state, written by the API ---

    /** Application spec; its mod_revision is its resourceVersion. */
    public String application(String application) {
        return applicationsPrefix() + Names.require("application", application);
    }

    public String applicationsPrefix() {
        return root + APPLICATIONS;
    }

    /** Application set (a template expanded into applications). */
    public String applicationSet(String applicationSet) {
        return applicationSetsPrefix() + Names.require("application set", applicationSet);
    }

    public String applicationSetsPrefix() {
        return root + APPLICATION_SETS;
    }

    /** Rule set: aliases, models, application and program rules. */
    public String ruleSet(String ruleSet) {
        return ruleSetsPrefix() + Names.require("rule set", ruleSet);
    }

    public String ruleSetsPrefix() {
        return root + RULE_SETS;
    }

    /** What the user last asked for an application: RUNNING or STOPPED, with strategy and request id. */
    public String intent(String application) {
        return intentsPrefix() + Names.require("application", application);
    }

    public String intentsPrefix() {
        return root + INTENTS;
    }

    // --- nodes, written by node agents under their lease ---

    /** Identity of a node, held under its node agent's lease: the key disappears when the agent does. */
    public String node(String node) {
        return nodesPrefix() + Names.require("node", node);
    }

    public String nodesPrefix() {
        return root + NODES;
    }

    /** Measured load of a node, under its node agent's lease. */
    public String nodeStats(String node) {
        return nodeStatsPrefix() + Names.require("node", node);
    }

    public String nodeStatsPrefix() {
        return root + NODE_STATS;
    }

    // --- per-process keys: desired (operator) and observed (node agent) ---

    /** Desired state of one process on one node, written by the leader only (fenced). */
    public String assignment(String node, String application, String process) {
        return assignment(new ProcessRef(node, application, process));
    }

    public String assignment(ProcessRef ref) {
        return assignmentsPrefix(ref.node()) + ref.application() + "/" + ref.process();
    }

    /** Every assignment of every node; the operator's view. */
    public String assignmentsPrefix() {
        return root + ASSIGNMENTS;
    }

    /** The assignments of one node; what that node's agent watches. */
    public String assignmentsPrefix(String node) {
        return assignmentsPrefix() + Names.require("node", node) + "/";
    }

    /** Observed state of one process on one node, under the node agent's lease. */
    public String process(String node, String application, String process) {
        return process(new ProcessRef(node, application, process));
    }

    public String process(ProcessRef ref) {
        return processesPrefix(ref.node()) + ref.application() + "/" + ref.process();
    }

    public String processesPrefix() {
        return root + PROCESSES;
    }

    public String processesPrefix(String node) {
        return processesPrefix() + Names.require("node", node) + "/";
    }

    // --- operator-owned keys ---

    /** Operational status of an application, written by the leader only (fenced). */
    public String applicationStatus(String application) {
        return applicationStatusesPrefix() + Names.require("application", application);
    }

    public String applicationStatusesPrefix() {
        return root + APPLICATION_STATUSES;
    }

    /** The request about every managed application at once (SHUTDOWN, RESTART), when there is one. */
    public String systemRequest() {
        return root + SYSTEM_REQUEST;
    }

    public String systemPrefix() {
        return root + SYSTEM;
    }

    /** Leader election key; the winner's create_revision of this key is the fencing epoch. */
    public String leader() {
        return root + LEADER;
    }

    /** A human-readable event; keys sort by {@code time}, {@code id} keeps two events of the same instant apart. */
    public String event(Instant time, String id) {
        Objects.requireNonNull(time, "event time");
        String formatted;
        try {
            formatted = EVENT_TIME.format(time);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("event time " + time + " cannot be written as a sortable key: " + e.getMessage(), e);
        }
        if (formatted.length() != EVENT_TIME_LENGTH) {
            throw new IllegalArgumentException("event time " + time + " is outside the years 0000-9999 that event keys can sort");
        }
        return eventsPrefix() + formatted + "-" + Names.require("event id", id);
    }

    public String eventsPrefix() {
        return root + EVENTS;
    }

    // --- parsing ---

    /**
     * What a full key designates, or empty when the key is not one of this keyspace's keys (another prefix, an
     * unknown kind, a wrong number of segments or an invalid name). Watchers use it to ignore what they do not know.
     */
    public Optional<ParsedKey> parse(String key) {
        if (key == null || !key.startsWith(root)) {
            return Optional.empty();
        }
        String rest = key.substring(root.length());
        try {
            return Optional.ofNullable(parseRelative(rest));
        } catch (IllegalArgumentException | DateTimeException invalidSegment) {
            return Optional.empty();
        }
    }

    /** The process an assignment key is for, or empty when {@code key} is not an assignment key. */
    public Optional<ProcessRef> parseAssignment(String key) {
        return parse(key).filter(ParsedKey.AssignmentKey.class::isInstance)
                .map(k -> ((ParsedKey.AssignmentKey) k).process());
    }

    /** The process an observed-process key is for, or empty when {@code key} is not a process key. */
    public Optional<ProcessRef> parseProcess(String key) {
        return parse(key).filter(ParsedKey.ProcessKey.class::isInstance)
                .map(k -> ((ParsedKey.ProcessKey) k).process());
    }

    private static ParsedKey parseRelative(String rest) {
        if (rest.equals(LEADER)) {
            return new ParsedKey.LeaderKey();
        }
        if (rest.equals(SYSTEM_REQUEST)) {
            return new ParsedKey.SystemRequestKey();
        }
        String name;
        if ((name = single(rest, APPLICATIONS)) != null) {
            return new ParsedKey.ApplicationKey(Names.require("application", name));
        }
        if ((name = single(rest, APPLICATION_SETS)) != null) {
            return new ParsedKey.ApplicationSetKey(Names.require("application set", name));
        }
        if ((name = single(rest, RULE_SETS)) != null) {
            return new ParsedKey.RuleSetKey(Names.require("rule set", name));
        }
        if ((name = single(rest, INTENTS)) != null) {
            return new ParsedKey.IntentKey(Names.require("application", name));
        }
        if ((name = single(rest, NODES)) != null) {
            return new ParsedKey.NodeKey(Names.require("node", name));
        }
        if ((name = single(rest, NODE_STATS)) != null) {
            return new ParsedKey.NodeStatsKey(Names.require("node", name));
        }
        if ((name = single(rest, APPLICATION_STATUSES)) != null) {
            return new ParsedKey.ApplicationStatusKey(Names.require("application", name));
        }
        if ((name = single(rest, EVENTS)) != null) {
            return parseEvent(name);
        }
        if (rest.startsWith(ASSIGNMENTS)) {
            ProcessRef ref = processRef(rest.substring(ASSIGNMENTS.length()));
            return ref == null ? null : new ParsedKey.AssignmentKey(ref);
        }
        if (rest.startsWith(PROCESSES)) {
            ProcessRef ref = processRef(rest.substring(PROCESSES.length()));
            return ref == null ? null : new ParsedKey.ProcessKey(ref);
        }
        return null;
    }

    /** The one segment after {@code kind}, or null when the key is not {@code kind/<name>}. */
    private static String single(String rest, String kind) {
        if (!rest.startsWith(kind)) {
            return null;
        }
        String name = rest.substring(kind.length());
        return name.indexOf('/') >= 0 ? null : name;
    }

    private static ProcessRef processRef(String nodeAppProcess) {
        String[] parts = nodeAppProcess.split("/", -1);
        return parts.length == 3 ? new ProcessRef(parts[0], parts[1], parts[2]) : null;
    }

    private static ParsedKey parseEvent(String segment) {
        if (segment.length() < EVENT_TIME_LENGTH + 2 || segment.charAt(EVENT_TIME_LENGTH) != '-') {
            return null;
        }
        Instant time = LocalDateTime.parse(segment.substring(0, EVENT_TIME_LENGTH), EVENT_TIME)
                .toInstant(ZoneOffset.UTC);
        String id = Names.require("event id", segment.substring(EVENT_TIME_LENGTH + 1));
        return new ParsedKey.EventKey(time, id);
    }

    private static String normalise(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("keyspace prefix is empty; use for example " + DEFAULT_PREFIX);
        }
        if (prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("keyspace prefix '" + prefix + "' contains white space");
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Keyspace other && other.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    @Override
    public String toString() {
        return "Keyspace[" + prefix + "]";
    }
}
