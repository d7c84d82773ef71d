package io.drover.api.keyspace;

import java.time.Instant;

/** What a full etcd key designates, as returned by {@link Keyspace#parse(String)}. */
public sealed interface ParsedKey {

    record ApplicationKey(String application) implements ParsedKey {
    }

    record ApplicationSetKey(String applicationSet) implements ParsedKey {
    }

    record RuleSetKey(String ruleSet) implements ParsedKey {
    }

    record IntentKey(String application) implements ParsedKey {
    }

    record NodeKey(String node) implements ParsedKey {
    }

    record NodeStatsKey(String node) implements ParsedKey {
    }

    record AssignmentKey(ProcessRef process) implements ParsedKey {
    }

    record ProcessKey(ProcessRef process) implements ParsedKey {
    }

    record ApplicationStatusKey(String application) implements ParsedKey {
    }

    record SystemRequestKey() implements ParsedKey {
    }

    record LeaderKey() implements ParsedKey {
    }

    record EventKey(Instant time, String id) implements ParsedKey {
    }
}
