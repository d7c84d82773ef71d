package io.drover.e2e;

import static org.awaitility.Awaitility.await;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.ResilientWatch;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every change etcd kept under a keyspace after a revision, replayed once the scenario is over. What a test checks
 * at the end (a pid, a status) could have been different in between; etcd's history says whether it was, without the
 * test having to watch through the failure it causes. Nothing in these tests compacts etcd, so the history is whole.
 */
final class KeyHistory implements WatchListener {

    private final Keyspace keys;
    private final List<KeyEvent> events = new ArrayList<>();
    private long lastRevision;
    private volatile boolean compacted;

    private KeyHistory(Keyspace keys, long afterRevision) {
        this.keys = keys;
        this.lastRevision = afterRevision;
    }

    /** The changes under {@code keys} from {@code afterRevision} (excluded) to etcd's current revision. */
    static KeyHistory replay(EtcdStore store, Keyspace keys, long afterRevision) {
        long until = store.currentRevision();
        KeyHistory history = new KeyHistory(keys, afterRevision);
        try (ResilientWatch watch = ResilientWatch.on(store, keys.versionPrefix()).startAfterRevision(afterRevision)
                .name("e2e-history").start(history)) {
            await("history replayed up to revision " + until).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (history.caughtUpWith(until)) {
                            return true;
                        }
                        // only etcd can say that nothing under the prefix changed up to there
                        watch.requestProgress();
                        return false;
                    });
        }
        if (history.compacted) {
            throw new IllegalStateException("etcd's history after revision " + afterRevision + " was compacted: the"
                    + " replay cannot say what happened in between");
        }
        return history;
    }

    private synchronized boolean caughtUpWith(long revision) {
        return lastRevision >= revision;
    }

    @Override
    public synchronized void onSnapshot(List<Versioned<String>> items, long revision) {
        // only after a compaction: what happened in between is lost, and the replay says so below
        compacted = true;
        lastRevision = Math.max(lastRevision, revision);
    }

    @Override
    public synchronized void onEvents(List<KeyEvent> changes) {
        events.addAll(changes);
        changes.forEach(e -> lastRevision = Math.max(lastRevision, e.modRevision()));
    }

    @Override
    public synchronized void onProgress(long revision) {
        lastRevision = Math.max(lastRevision, revision);
    }

    /** Every status written for {@code application}, in order; a deleted status shows as null. */
    synchronized List<ApplicationStatus> statuses(String application) {
        String key = keys.applicationStatus(application);
        return events.stream().filter(e -> e.key().equals(key))
                .map(e -> e.isPut() ? e.decode(ApplicationStatus.class) : null).toList();
    }

    /** Every observed state written for a process of {@code application}, on any node, in order; deletions left out. */
    synchronized List<ProcessStatus> processStates(String application, String process) {
        return events.stream().filter(KeyEvent::isPut)
                .filter(e -> keys.parseProcess(e.key()).map(ref -> is(ref, application, process)).orElse(false))
                .map(e -> e.decode(ProcessStatus.class)).toList();
    }

    /** How many times a key of a process of {@code application} was deleted (its agent's lease went). */
    synchronized long processKeyDeletions(String application) {
        return events.stream().filter(e -> !e.isPut())
                .filter(e -> keys.parseProcess(e.key()).map(ref -> ref.application().equals(application)).orElse(false))
                .count();
    }

    /** Every deletion of a node's registration, as "key@revision": the node's agent lost its lease. */
    synchronized List<String> nodeDeletions() {
        return events.stream().filter(e -> !e.isPut() && e.key().startsWith(keys.nodesPrefix()))
                .map(e -> nodeOf(e) + "@" + e.modRevision()).toList();
    }

    /**
     * Deletions of process keys, as "node/application/process@revision", that did not go together with their node's
     * registration. Keys bound to one lease go in one revision when the lease expires or is revoked; a process key
     * deleted while its node's key stays was bound to a lease the node's registration had already left.
     */
    synchronized List<String> processDeletionsOfRegisteredNodes() {
        Set<String> nodeDeletions = new HashSet<>();
        events.stream().filter(e -> !e.isPut() && e.key().startsWith(keys.nodesPrefix()))
                .forEach(e -> nodeDeletions.add(nodeOf(e) + "@" + e.modRevision()));
        List<String> deletions = new ArrayList<>();
        for (KeyEvent event : events) {
            Optional<ProcessRef> ref = event.isPut() ? Optional.empty() : keys.parseProcess(event.key());
            if (ref.isPresent() && !nodeDeletions.contains(ref.get().node() + "@" + event.modRevision())) {
                deletions.add(ref.get().node() + "/" + ref.get().application() + "/" + ref.get().process() + "@"
                        + event.modRevision());
            }
        }
        return deletions;
    }

    /** Every change of a node's registration and process keys, one a line with revision and lease, for a report. */
    synchronized String timeline(String node) {
        String nodeKey = keys.node(node);
        String processes = keys.processesPrefix(node);
        StringBuilder out = new StringBuilder();
        for (KeyEvent event : events) {
            if (event.key().equals(nodeKey) || event.key().startsWith(processes)) {
                out.append("  @").append(event.modRevision()).append(' ').append(event.type()).append(' ')
                        .append(event.key().substring(keys.versionPrefix().length()))
                        .append(event.isPut() ? " lease " + Long.toHexString(event.leaseId()) : "").append('\n');
            }
        }
        return out.toString();
    }

    /** How many times an assignment of {@code application} was written or deleted. */
    synchronized long assignmentChanges(String application) {
        return events.stream()
                .filter(e -> keys.parseAssignment(e.key()).map(ref -> ref.application().equals(application))
                        .orElse(false))
                .count();
    }

    private String nodeOf(KeyEvent nodeEvent) {
        return nodeEvent.key().substring(keys.nodesPrefix().length());
    }

    private static boolean is(ProcessRef ref, String application, String process) {
        return ref.application().equals(application) && ref.process().equals(process);
    }
}
