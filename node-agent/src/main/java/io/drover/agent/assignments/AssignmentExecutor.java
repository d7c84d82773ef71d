package io.drover.agent.assignments;

import io.drover.agent.process.LocalSupervisor;
import io.drover.agent.process.ProcessDefinition;
import io.drover.agent.process.ProcessKey;
import io.drover.agent.process.ProcessSnapshot;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.model.ProcessInstance;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.store.KeyEvent;
import io.drover.api.store.StoreException;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.api.store.WatchListener;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the assignments of one node, as its watch delivers them (list, then changes).
 *
 * <p>An assignment is acted on once per revision: desired RUNNING starts the process if it is not up (or restarts it
 * when it runs another definition), desired STOPPED stops it, a deleted assignment stops the process and withdraws
 * its observed key. What happens after a process exits is Supervisor's {@code autorestart} on this node, or the
 * operator's decision (a new revision of the assignment) when {@link Assignment#restartsByOperator()} is set. So a
 * program that ran to completion ({@code wait_exit}) is not run again merely because its assignment is read again,
 * after a watch re-list or an agent restart.
 *
 * <p>Spawning is the slow part (a fork and exec each), so assignments are carried out on a few lanes in parallel;
 * all the work for one process goes through the same lane, which keeps it in order.
 */
public final class AssignmentExecutor implements WatchListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentExecutor.class);

    private final Keyspace keyspace;
    private final String nodeId;
    private final LocalSupervisor supervisor;
    private final ObservedPublisher publisher;
    /** Revision of the assignment last acted on, per process (each key is only touched from its own lane). */
    private final Map<ProcessKey, Long> actedRevision = new ConcurrentHashMap<>();
    private final ExecutorService[] lanes;
    private boolean firstSnapshot = true;

    public AssignmentExecutor(Keyspace keyspace, String nodeId, LocalSupervisor supervisor, ObservedPublisher publisher) {
        this.keyspace = keyspace;
        this.nodeId = nodeId;
        this.supervisor = supervisor;
        this.publisher = publisher;
        this.lanes = new ExecutorService[Math.max(2, Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < lanes.length; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "drover-assignments-" + nodeId + "-" + lane);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private void onLane(ProcessKey key, Runnable work) {
        try {
            lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("carrying out the assignment of {} failed: {}", key, e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("assignment of {} ignored: the agent is stopping", key);
        }
    }

    /** Stops taking assignments; what is under way finishes first. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void onSnapshot(List<Versioned<String>> items, long revision) {
        Set<ProcessKey> assigned = new HashSet<>();
        for (Versioned<String> item : items) {
            boolean recovering = firstSnapshot;
            keyOf(item.key()).ifPresent(key -> {
                assigned.add(key);
                onLane(key, () -> {
                    Optional<ProcessSnapshot> recovered = supervisor.snapshot(key);
                    if (recovering && recovered.isPresent() && !startsAgainAfterReboot(recovered.get(), key, item)) {
                        // recovered from a previous agent: what it did for this revision is done
                        actedRevision.put(key, item.modRevision());
                    }
                    apply(key, item.value(), item.modRevision());
                });
            });
        }
        firstSnapshot = false;
        for (ProcessSnapshot process : supervisor.snapshots()) {
            if (!assigned.contains(process.key())) {
                onLane(process.key(), () -> withdraw(process.key()));
            }
        }
    }

    @Override
    public synchronized void onEvents(List<KeyEvent> events) {
        for (KeyEvent event : events) {
            keyOf(event.key()).ifPresent(key -> {
                if (event.isPut()) {
                    onLane(key, () -> apply(key, event.value(), event.modRevision()));
                } else {
                    onLane(key, () -> withdraw(key));
                }
            });
        }
    }

    /**
     * A process gone while no agent ran (the node rebooted, or it died meanwhile) and still assigned to run here is
     * started again, as supervisord starts its programs at boot — unless the operator owns its restarts (its running
     * failure strategy decides) or the assignment only keeps a copy that runs (adopt-only).
     */
    private boolean startsAgainAfterReboot(ProcessSnapshot recovered, ProcessKey key, Versioned<String> item) {
        if (recovered.state() != ProcessState.EXITED || !ProcessSnapshot.GONE.equals(recovered.spawnError())) {
            return false;
        }
        try {
            Assignment assignment = ValueCodec.decode(item.key(), item.modRevision(), item.value(), Assignment.class);
            return assignment.startsOnNode() && !assignment.restartsByOperator();
        } catch (StoreException | IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<ProcessKey> keyOf(String etcdKey) {
        Optional<ParsedKey> parsed = keyspace.parse(etcdKey);
        if (parsed.isPresent() && parsed.get() instanceof ParsedKey.AssignmentKey assignment
                && assignment.process().node().equals(nodeId)) {
            return Optional.of(new ProcessKey(assignment.process().application(), assignment.process().process()));
        }
        LOG.warn("ignoring {}: not an assignment of node {}", etcdKey, nodeId);
        return Optional.empty();
    }

    private void apply(ProcessKey key, String json, long revision) {
        Assignment assignment;
        try {
            assignment = ValueCodec.decode(keyspace.assignment(nodeId, key.application(), key.process()), revision, json,
                    Assignment.class);
        } catch (StoreException | IllegalArgumentException e) {
            LOG.error("assignment of {} at revision {} cannot be read, left as it is: {}", key, revision, e.getMessage());
            return;
        }
        Long acted = actedRevision.put(key, revision);
        boolean newRevision = acted == null || acted != revision;
        if (assignment.desired() == DesiredState.STOPPED) {
            publisher.assignmentRevision(key, revision);
            supervisor.stop(key);
            return;
        }
        Optional<ProcessDefinition> definition = definitionOf(key, assignment, revision);
        if (definition.isEmpty()) {
            return;
        }
        supervisor.setAutoRestartSuppressed(key, assignment.restartsByOperator() || assignment.adoptOnly());
        Optional<ProcessSnapshot> current = supervisor.snapshot(key);
        boolean up = current.map(s -> ProcessState.RUNNING_STATES.contains(s.state())).orElse(false);
        if (assignment.adoptOnly() && (up || newRevision)) {
            // a copy left behind while this node was lost: kept as it is until conciliation decides; none started
            publisher.answered(key, revision, current);
        } else if (up && !assignment.specHash().equals(current.get().specHash())) {
            LOG.info("{}: definition changed ({} -> {}), restarting it", key, current.get().specHash(), assignment.specHash());
            publisher.answerOnStart(key, revision);
            supervisor.restart(definition.get());
        } else if (!up && newRevision && !assignment.adoptOnly()) {
            publisher.answerOnStart(key, revision);
            supervisor.start(definition.get());
        } else {
            publisher.assignmentRevision(key, revision);
        }
    }

    private Optional<ProcessDefinition> definitionOf(ProcessKey key, Assignment assignment, long revision) {
        if (assignment.program() == null) {
            publisher.assignmentRevision(key, revision);
            publisher.refused(key, "the assignment carries no program definition; upgrade the operator");
            return Optional.empty();
        }
        Optional<ProcessInstance> instance = assignment.program().processes(key.application()).stream()
                .filter(p -> p.processName().equals(key.process()))
                .findFirst();
        if (instance.isEmpty()) {
            publisher.assignmentRevision(key, revision);
            publisher.refused(key, "program " + assignment.program().name() + " has no process named " + key.process());
            return Optional.empty();
        }
        return Optional.of(new ProcessDefinition(key.application(), instance.get(), assignment.program(),
                assignment.specHash(), assignment.restartsByOperator()));
    }

    private void withdraw(ProcessKey key) {
        actedRevision.remove(key);
        if (supervisor.snapshot(key).isPresent()) {
            // the observed key goes when the supervisor reports the process removed
            supervisor.remove(key);
        } else {
            publisher.removed(key);
        }
    }
}
