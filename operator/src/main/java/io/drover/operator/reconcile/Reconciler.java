package io.drover.operator.reconcile;

import io.drover.api.store.EtcdStore;
import io.drover.operator.actuator.ApplyOutcome;
import io.drover.operator.actuator.PlanActuator;
import io.drover.operator.election.LeaderElection;
import io.drover.operator.election.Leadership;
import io.drover.operator.informer.ClusterCache;
import io.drover.operator.planning.ApplicationPlanner;
import io.drover.operator.planning.ClusterSnapshot;
import io.drover.operator.planning.Plan;
import io.drover.operator.workqueue.KeyWorker;
import io.drover.operator.workqueue.WorkResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile(app)}: plan from the cached snapshot, apply the plan as one fenced write, and say when to come
 * back. Level-triggered: what triggered it does not matter, only what the caches show now (DESIGN rule 1).
 *
 * <p>Runs on a single worker: placement counts the work every application has pending, so each plan must see the
 * previous plans' assignments. Before planning, the reconciler reads etcd's current revision and waits (briefly) for
 * every cache to be complete up to it, so that the snapshot is one consistent state that includes its own last
 * writes and, say, a rule set written just before the application it governs.
 */
public final class Reconciler implements KeyWorker<String> {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** How long to wait for the caches to show our own write; past it, planning goes on with what they show. */
    private static final Duration CACHE_CATCH_UP = Duration.ofSeconds(2);

    private final EtcdStore store;
    private final ClusterCache cache;
    private final LeaderElection election;
    private final ApplicationPlanner planner;
    private final PlanActuator actuator;
    private final SnapshotFactory snapshots;
    private final Duration nodeLossGrace;
    private final Set<String> expectedNodes;
    private final Clock clock;
    private final Consumer<String> enqueue;
    private final NodeLossGate nodeLossGate = new NodeLossGate();

    /**
     * @param nodeLossGrace how long a new leader waits before declaring nodes lost: their agents may simply not have
     *                      refreshed their leases yet (DESIGN rule 9); one node lease TTL. Automatic starts wait as long
     *                      for nodes to register, unless every one of {@code expectedNodes} is alive sooner
     * @param enqueue       puts an application back in the work queue
     */
    public Reconciler(EtcdStore store, ClusterCache cache, LeaderElection election, ApplicationPlanner planner, PlanActuator actuator,
                      Duration nodeLossGrace, Set<String> expectedNodes, Clock clock, Consumer<String> enqueue) {
        this.store = store;
        this.cache = cache;
        this.election = election;
        this.planner = planner;
        this.actuator = actuator;
        this.snapshots = new SnapshotFactory(cache);
        this.nodeLossGrace = nodeLossGrace;
        this.expectedNodes = Set.copyOf(expectedNodes);
        this.clock = clock;
        this.enqueue = enqueue;
    }

    @Override
    public WorkResult process(String application) {
        Optional<Leadership> leadership = election.leadership();
        if (leadership.isEmpty() || !cache.hasSynced()) {
            // a standby acts on nothing; on election every application is queued again
            return WorkResult.done();
        }
        long epoch = leadership.get().epoch();
        if (!awaitConsistentCaches()) {
            return WorkResult.retry("the caches did not catch up with etcd");
        }
        Instant now = clock.instant();
        boolean graceOver = leadership.get().heldForAtLeast(nodeLossGrace);
        ClusterSnapshot snapshot = snapshots.build(now, epoch, graceOver);
        Set<String> alive = aliveNodes(snapshot);
        boolean lossAllowed = nodeLossGate.allows(graceOver, busyNodes(snapshot), alive);
        boolean settled = graceOver || (!expectedNodes.isEmpty() && alive.containsAll(expectedNodes));
        if (!lossAllowed || !settled) {
            snapshot = snapshot.toBuilder().nodeLossHandlingAllowed(lossAllowed).membershipSettled(settled).build();
        }
        Plan plan = planner.plan(application, snapshot);
        PlanActuator.Result result = actuator.apply(plan, epoch);
        if (result.outcome() == ApplyOutcome.NOT_LEADER) {
            election.fencedWriteFailed(epoch);
            return WorkResult.done();
        }
        if (result.outcome() == ApplyOutcome.STALE) {
            return WorkResult.retry("the plan of " + application + " was made from a stale snapshot");
        }
        if (!plan.isEmpty()) {
            LOG.debug("applied {} action(s) for {}", plan.actions().size(), application);
            if (stateChanged(application, snapshot, plan)) {
                // applications of a later start rank wait on this one's state
                cache.allApplications().stream().filter(a -> !a.equals(application)).forEach(enqueue);
            }
        }
        if (!leadership.get().heldForAtLeast(nodeLossGrace)) {
            // nodes missing now are declared lost only once the grace is over: come back then
            Duration left = nodeLossGrace.minus(leadership.get().heldFor());
            return WorkResult.requeueAfter(plan.recheckAt().map(at -> min(left, Duration.between(now, at))).orElse(left));
        }
        return plan.recheckAt()
                .map(at -> (WorkResult) WorkResult.requeueAfter(positive(Duration.between(now, at))))
                .orElseGet(WorkResult::done);
    }

    /** Whether the plan moves the application to another state (or removes it): what other applications wait on. */
    private static boolean stateChanged(String application, ClusterSnapshot snapshot, Plan plan) {
        if (plan.deletesStatus()) {
            return true;
        }
        return plan.statusWrite()
                .map(write -> snapshot.status(application).map(old -> old.state() != write.status().state()).orElse(true))
                .orElse(false);
    }

    private static Set<String> busyNodes(ClusterSnapshot snapshot) {
        Set<String> nodes = new HashSet<>();
        // application -> process -> node -> assignment
        snapshot.assignments().values().forEach(byProcess -> byProcess.values().forEach(byNode -> nodes.addAll(byNode.keySet())));
        return nodes;
    }

    private static Set<String> aliveNodes(ClusterSnapshot snapshot) {
        Set<String> nodes = new HashSet<>();
        snapshot.nodes().forEach(node -> nodes.add(node.nodeId()));
        return nodes;
    }

    private boolean awaitConsistentCaches() {
        try {
            long target = store.currentRevision(cache.keyspace().leader());
            if (cache.awaitRevision(target, CACHE_CATCH_UP)) {
                return true;
            }
            LOG.warn("the caches did not reach revision {} within {}", target, CACHE_CATCH_UP);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static Duration min(Duration a, Duration b) {
        return positive(a.compareTo(b) <= 0 ? a : b);
    }
}
