package io.drover.agent.assignments;

import io.drover.agent.process.ProcessKey;
import io.drover.agent.process.ProcessListener;
import io.drover.agent.process.ProcessSnapshot;
import io.drover.agent.reporting.LeasedWriter;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes every transition the local supervisor reports as {@code v1/processes/<node>/<app>/<process>}, with the
 * revision of the assignment it answers, and withdraws the key when the process is forgotten.
 */
public final class ObservedPublisher implements ProcessListener {

    private final Keyspace keyspace;
    private final String nodeId;
    private final LeasedWriter writer;
    private final Clock clock;
    private final Map<ProcessKey, Long> revisions = new ConcurrentHashMap<>();
    private final Map<ProcessKey, Long> pids = new ConcurrentHashMap<>();

    public ObservedPublisher(Keyspace keyspace, String nodeId, LeasedWriter writer, Clock clock) {
        this.keyspace = keyspace;
        this.nodeId = nodeId;
        this.writer = writer;
        this.clock = clock;
    }

    /** Revisions that transitions answer only once the process they ask for starts (see {@link #answerOnStart}). */
    private final Map<ProcessKey, Long> onStart = new ConcurrentHashMap<>();

    /** The assignment revision that the next transitions of {@code key} answer. */
    void assignmentRevision(ProcessKey key, long revision) {
        onStart.remove(key);
        revisions.put(key, revision);
    }

    /**
     * The assignment revision that {@code key}'s transitions answer from the start of the process it asks for: while
     * the previous process is being stopped (a restart for a new definition), its STOPPING and STOPPED still answer
     * the previous revision, so the operator never reads them as the new process failing to start.
     */
    void answerOnStart(ProcessKey key, long revision) {
        onStart.put(key, revision);
    }

    /**
     * Answers {@code revision} at once, for an assignment that changes nothing on the node (an adopt-only one): the
     * current state is written again with it, or STOPPED when no copy exists, so the operator sees that the node read
     * it and what runs there.
     */
    void answered(ProcessKey key, long revision, Optional<ProcessSnapshot> current) {
        onStart.remove(key);
        Long before = revisions.put(key, revision);
        if (current.isPresent()) {
            if (before == null || before != revision) {
                writer.put(etcdKey(key), current.get().toStatus(revision, clock.instant()));
            }
        } else {
            writer.put(etcdKey(key), new ProcessStatus(ProcessState.STOPPED, null, null, null, null, true, null, revision,
                    clock.instant()));
        }
    }

    /** An assignment that cannot be carried out: shown as FATAL with the reason, as a spawn error would be. */
    void refused(ProcessKey key, String reason) {
        writer.put(etcdKey(key), new ProcessStatus(ProcessState.FATAL, null, null, clock.instant(), null, false, reason,
                revisions.getOrDefault(key, 0L), clock.instant()));
    }

    @Override
    public void stateChanged(ProcessSnapshot snapshot) {
        if (snapshot.state() != ProcessState.STOPPING && snapshot.state() != ProcessState.STOPPED) {
            Long started = onStart.remove(snapshot.key());
            if (started != null) {
                revisions.put(snapshot.key(), started);
            }
        }
        if (snapshot.pid() != null) {
            pids.put(snapshot.key(), snapshot.pid());
        } else {
            pids.remove(snapshot.key());
        }
        writer.put(etcdKey(snapshot.key()), snapshot.toStatus(revisions.getOrDefault(snapshot.key(), 0L), clock.instant()));
    }

    @Override
    public void removed(ProcessKey key) {
        onStart.remove(key);
        pids.remove(key);
        revisions.remove(key);
        writer.delete(etcdKey(key));
    }

    /** Pids of the processes alive now, keyed as node statistics key them ({@code app/process}). */
    public Map<String, Long> pids() {
        Map<String, Long> byName = new java.util.HashMap<>();
        pids.forEach((key, pid) -> byName.put(key.application() + "/" + key.process(), pid));
        return byName;
    }

    private String etcdKey(ProcessKey key) {
        return keyspace.process(nodeId, key.application(), key.process());
    }
}
