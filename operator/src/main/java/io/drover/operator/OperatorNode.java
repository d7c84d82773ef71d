package io.drover.operator;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.store.EtcdStore;
import io.drover.operator.actuator.PlanActuator;
import io.drover.operator.election.Demotion;
import io.drover.operator.election.ElectionConfig;
import io.drover.operator.election.LeaderElection;
import io.drover.operator.election.Leadership;
import io.drover.operator.election.LeadershipListener;
import io.drover.operator.informer.ClusterCache;
import io.drover.operator.planning.ApplicationPlanner;
import io.drover.operator.planning.PlannerSettings;
import io.drover.operator.reconcile.Reconciler;
import io.drover.operator.workqueue.PeriodicResync;
import io.drover.operator.workqueue.RateLimiters;
import io.drover.operator.workqueue.WorkQueue;
import io.drover.operator.workqueue.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator replica: caches the cluster, campaigns for leadership and, while it leads, reconciles every
 * application. Standbys keep their caches warm, so that taking over costs one planning pass, not a full reload.
 */
public final class OperatorNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);

    /**
     * @param id            this replica's name, unique among the replicas
     * @param leaseTtl      the leader lease: a standby takes over about this long after the leader stops answering
     * @param nodeLossGrace how long a new leader waits before declaring nodes lost (the agents' lease TTL)
     * @param resyncEvery   how often every application is reconciled even without a change
     * @param expectedNodes the nodes automatic starts wait for (Supvisors' {@code supvisors_list}): once they are all
     *                      alive, a new leader starts applications at once instead of after {@code nodeLossGrace};
     *                      empty when not known
     */
    public record Settings(String id, Keyspace keyspace, Duration leaseTtl, Duration nodeLossGrace, Duration resyncEvery,
                           PlannerSettings planner, Set<String> expectedNodes) {

        public Settings {
            expectedNodes = Set.copyOf(expectedNodes);
        }

        /** Without expected nodes: automatic starts begin one node lease period after election. */
        public Settings(String id, Keyspace keyspace, Duration leaseTtl, Duration nodeLossGrace, Duration resyncEvery,
                        PlannerSettings planner) {
            this(id, keyspace, leaseTtl, nodeLossGrace, resyncEvery, planner, Set.of());
        }
    }

    private final WorkQueue<String> queue;
    private final ClusterCache cache;
    private final LeaderElection election;
    private final WorkerPool<String> workers;
    private final PeriodicResync<String> resync;

    private final ExecutorService kicker;
    private final PlannerSettings plannerSettings;
    private volatile ReconcileObserver reconcileObserver = ReconcileObserver.NONE;

    private OperatorNode(Settings settings, EtcdStore store) {
        this.plannerSettings = settings.planner();
        WorkQueue<String> applications = new WorkQueue<>("applications", RateLimiters.controllerDefault());
        ClusterCache clusterCache = ClusterCache.start(store, settings.keyspace(), applications::add);
        ExecutorService onElection = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "drover-operator-elected");
            thread.setDaemon(true);
            return thread;
        });
        this.queue = applications;
        this.cache = clusterCache;
        this.kicker = onElection;
        // the listener only uses these locals: the election's thread may call it before this constructor returns
        this.election = LeaderElection.start(store, ElectionConfig.of(settings.keyspace(), settings.id(), settings.leaseTtl()),
                new LeadershipListener() {
                    @Override
                    public void onElected(Leadership leadership) {
                        LOG.info("operator {} leads (epoch {}); node losses are handled after {}", settings.id(),
                                leadership.epoch(), settings.nodeLossGrace());
                        onElection.execute(() -> {
                            try {
                                if (!clusterCache.awaitSynced(Duration.ofSeconds(30))) {
                                    LOG.warn("caches not synced 30 s after election; reconciling with what they hold");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                            clusterCache.allApplications().forEach(applications::add);
                        });
                    }

                    @Override
                    public void onDemoted(Demotion demotion) {
                        LOG.warn("operator {} no longer leads (epoch {}): {} {}", settings.id(), demotion.epoch(),
                                demotion.cause(), demotion.detail());
                    }
                });
        Reconciler reconciler = new Reconciler(store, cache, election, new ApplicationPlanner(settings.planner()),
                new PlanActuator(store, settings.keyspace()), settings.nodeLossGrace(), settings.expectedNodes(), Clock.systemUTC(),
                queue::add);
        this.workers = WorkerPool.start(queue, 1, application -> {
            long started = System.nanoTime();
            boolean failed = true;
            try {
                var result = reconciler.process(application);
                failed = false;
                return result;
            } finally {
                reconcileObserver.reconciled(application, System.nanoTime() - started, failed);
            }
        });
        this.resync = PeriodicResync.start(queue, settings.resyncEvery(), cache::allApplications);
    }

    public static OperatorNode start(Settings settings, EtcdStore store) {
        return new OperatorNode(settings, store);
    }

    public LeaderElection election() {
        return election;
    }

    public ClusterCache cache() {
        return cache;
    }

    /** How this replica plans: what a dry run's placement preview plans with. */
    public PlannerSettings plannerSettings() {
        return plannerSettings;
    }

    public boolean isLeader() {
        return election.isLeader();
    }

    /** Applications waiting in the work queue (metrics read it at scrape time). */
    public int queueDepth() {
        return queue.length();
    }

    /** Times every reconcile from now on (metrics). */
    public void observeReconciles(ReconcileObserver observer) {
        this.reconcileObserver = java.util.Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void close() {
        kicker.shutdownNow();
        resync.close();
        workers.shutDownNow(Duration.ofSeconds(5));
        queue.close();
        // resigning lets a standby take over at once instead of after the lease TTL
        election.close();
        cache.close();
    }
}
