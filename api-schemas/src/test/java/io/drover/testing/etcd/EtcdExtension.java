package io.drover.testing.etcd;

import io.drover.api.store.EtcdClients;
import io.drover.api.store.EtcdStore;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs real etcd for a test class:
 * <pre>
 * &#64;RegisterExtension static EtcdExtension etcd = EtcdExtension.singleMember();
 * &#64;RegisterExtension static EtcdExtension etcd = EtcdExtension.cluster(3);
 * </pre>
 * Registered on a static field, etcd is shared by the tests of the class; on an instance field, each test gets its
 * own. Every test starts with every member running: a member a previous test killed is started again (with its
 * data) before the next test. Every process, client and data directory is removed at the end, and also when the
 * JVM exits early.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Supplier<EtcdCluster> clusterFactory;
    private final List<Client> clients = new ArrayList<>();
    private final AtomicInteger prefixes = new AtomicInteger();
    private EtcdCluster cluster;
    private Client client;
    private boolean perTest;

    private EtcdExtension(Supplier<EtcdCluster> clusterFactory) {
        this.clusterFactory = clusterFactory;
    }

    /** One local etcd process. */
    public static EtcdExtension singleMember() {
        return new EtcdExtension(LocalEtcdCluster::singleMember);
    }

    /** {@code members} local etcd processes forming one cluster. */
    public static EtcdExtension cluster(int members) {
        return new EtcdExtension(() -> LocalEtcdCluster.ofSize(members));
    }

    /**
     * {@code members} etcd containers ({@link ContainerEtcdCluster#IMAGE}); the tests are skipped when no Docker
     * engine is reachable. Tests using it need Testcontainers on their class path.
     */
    public static EtcdExtension containers(int members) {
        return new EtcdExtension(() -> ContainerEtcdCluster.ofSize(members));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNeeded(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (cluster == null) {
            startIfNeeded(true);
            return;
        }
        for (int member = 0; member < cluster.size(); member++) {
            if (!cluster.isRunning(member)) {
                cluster.start(member);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            shutdown();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        shutdown();
    }

    private void startIfNeeded(boolean forOneTest) {
        if (cluster != null) {
            return;
        }
        EtcdCluster candidate = clusterFactory.get();
        candidate.unavailableReason().ifPresent(reason -> Assumptions.abort("skipped: " + reason));
        perTest = forOneTest;
        cluster = candidate;
        try {
            cluster.start();
            client = track(EtcdClients.newClient(cluster.endpoints()));
        } catch (RuntimeException | Error e) {
            shutdown();
            throw e;
        }
    }

    private synchronized void shutdown() {
        clients.forEach(Client::close);
        clients.clear();
        client = null;
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    // --- what tests use ---

    /** Client URLs of all members. */
    public List<String> endpoints() {
        return running().endpoints();
    }

    public String endpoint(int member) {
        return running().endpoint(member);
    }

    public int size() {
        return running().size();
    }

    /** A client connected to every member, closed at the end. */
    public Client client() {
        running();
        return client;
    }

    /** A store over {@link #client()}. */
    public EtcdStore store() {
        return EtcdStore.over(client(), endpoints());
    }

    /** A new client for {@code endpoints} (for example through a proxy), closed at the end. */
    public Client newClient(List<String> clientEndpoints) {
        running();
        return track(EtcdClients.newClient(clientEndpoints));
    }

    /** A key prefix no other test of this run uses, so tests sharing one etcd do not see each other's keys. */
    public String freshPrefix() {
        return "/drover-test/" + ProcessHandle.current().pid() + "-" + prefixes.incrementAndGet() + "/";
    }

    /** SIGKILL: the member dies at once, as in a crash or a power loss. */
    public void kill(int member) {
        running().kill(member);
    }

    /** SIGTERM: the member shuts down cleanly. */
    public void stop(int member) {
        running().stop(member);
    }

    /** Starts a stopped or killed member again, with its data and ports. */
    public void start(int member) {
        running().start(member);
    }

    public void restart(int member) {
        running().restart(member);
    }

    /** The member that currently leads the cluster, waiting up to 10 s for an election to finish. */
    public int leader() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            for (int member = 0; member < size(); member++) {
                if (isRunning(member) && MemberProbe.isLeader(endpoint(member))) {
                    return member;
                }
            }
            // an election takes a few hundred milliseconds with the test timings; ask again shortly
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("no etcd member of " + endpoints() + " is leader after 10 s");
    }

    public boolean isRunning(int member) {
        return running().isRunning(member);
    }

    public long pid(int member) {
        return running().pid(member);
    }

    /** Compacts the history up to the current revision (as {@code etcdctl compact}) and returns that revision. */
    public long compact() {
        try {
            long revision = client().getKVClient()
                    .get(io.etcd.jetcd.ByteSequence.from("\0", StandardCharsets.UTF_8), GetOption.builder().withCountOnly(true).build())
                    .get(10, TimeUnit.SECONDS).getHeader().getRevision();
            client().getKVClient().compact(revision, CompactOption.builder().withCompactPhysical(true).build())
                    .get(10, TimeUnit.SECONDS);
            return revision;
        } catch (Exception e) {
            throw new IllegalStateException("cannot compact etcd at " + endpoints() + ": " + e.getMessage(), e);
        }
    }

    private synchronized Client track(Client newClient) {
        clients.add(newClient);
        return newClient;
    }

    private EtcdCluster running() {
        EtcdCluster current = cluster;
        if (current == null) {
            throw new IllegalStateException("etcd is not running: register the extension with @RegisterExtension and use it"
                    + " from a test or a @BeforeAll/@BeforeEach method");
        }
        return current;
    }
}
