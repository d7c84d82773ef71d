package io.drover.e2e;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the writes etcd takes under a keyspace from a revision on, seen through a watch: every change by kind of
 * key, the assignment changes of each application, the distinct revisions (one per transaction), and the pids
 * each application's processes ran in.
 */
final class KeyspaceWrites implements WatchListener, AutoCloseable {

    private final Keyspace keys;
    private final long fromRevision;
    private final ResilientWatch watch;
    private final Map<String, Integer> byKind = new TreeMap<>();
    private final Map<String, Integer> assignmentsByApplication = new TreeMap<>();
    private final Map<String, Set<Long>> pidsByApplication = new TreeMap<>();
    private final Set<Long> revisions = new HashSet<>();
    private long lastRevision;

    private KeyspaceWrites(EtcdStore store, Keyspace keys) {
        this.keys = keys;
        this.fromRevision = store.currentRevision();
        this.lastRevision = fromRevision;
        this.watch = ResilientWatch.on(store, keys.versionPrefix()).startAfterRevision(fromRevision)
                .name("e2e-writes").start(this);
    }

    /** Starts counting from etcd's current revision. */
    static KeyspaceWrites from(EtcdStore store, Keyspace keys) {
        return new KeyspaceWrites(store, keys);
    }

    @Override
    public synchronized void onSnapshot(List<Versioned<String>> items, long revision) {
        // only after a compaction, which nothing in the tests causes: the counts stay as they are
        lastRevision = Math.max(lastRevision, revision);
    }

    @Override
    public synchronized void onEvents(List<KeyEvent> events) {
        for (KeyEvent event : events) {
            revisions.add(event.modRevision());
            lastRevision = Math.max(lastRevision, event.modRevision());
            ParsedKey parsed = keys.parse(event.key()).orElse(null);
            String kind = parsed == null ? "other" : parsed.getClass().getSimpleName();
            byKind.merge(kind, 1, Integer::sum);
            if (parsed instanceof ParsedKey.AssignmentKey assignment) {
                assignmentsByApplication.merge(assignment.process().application(), 1, Integer::sum);
            } else if (parsed instanceof ParsedKey.ProcessKey process && event.isPut()) {
                Long pid = event.decode(ProcessStatus.class).pid();
                if (pid != null) {
                    pidsByApplication.computeIfAbsent(process.process().application(), a -> new HashSet<>()).add(pid);
                }
            }
        }
    }

    @Override
    public synchronized void onProgress(long revision) {
        lastRevision = Math.max(lastRevision, revision);
    }

    /** Whether the watch has delivered everything up to {@code revision}; asks etcd to confirm progress if not. */
    boolean caughtUpWith(long revision) {
        synchronized (this) {
            if (lastRevision >= revision) {
                return true;
            }
        }
        watch.requestProgress();
        return false;
    }

    /** Changes of keys by kind of key (AssignmentKey, ProcessKey, ...). */
    synchronized Map<String, Integer> byKind() {
        return new TreeMap<>(byKind);
    }

    synchronized int total() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many transactions changed something under the keyspace. */
    synchronized int transactions() {
        return revisions.size();
    }

    synchronized Map<String, Integer> assignmentsByApplication() {
        return new TreeMap<>(assignmentsByApplication);
    }

    /** The pids reported for the processes of {@code application} since counting began. */
    synchronized Set<Long> pids(String application) {
        return Set.copyOf(pidsByApplication.getOrDefault(application, Set.of()));
    }

    @Override
    public void close() {
        watch.close();
    }
}
