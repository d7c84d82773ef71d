package io.drover.e2e;

import static org.awaitility.Awaitility.await;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Intent;
import io.drover.api.state.LeaderRecord;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.StoreException;
import io.drover.api.store.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the etcd failure tests read from (and write to) one drover keyspace, through a store of the test's choosing.
 *
 * <p>Unlike {@link DroverCluster}'s reads, these expect etcd itself to fail: a read that lands on a member being
 * killed or on a cluster electing a new leader fails with a {@link StoreException}, and an await simply asks again
 * instead of failing the test. The dump that explains a failed await is best effort for the same reason.
 */
final class EtcdObserver {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdObserver.class);

    private static final Duration WRITE_WITHIN = Duration.ofSeconds(20);

    private final EtcdStore store;
    private final Keyspace keys;

    /** One copy of a process as its node's agent reports it, with the lease its key is bound to. */
    record Copy(String node, String application, String process, ProcessStatus status, long leaseId) {

        long pid() {
            return status.pid() == null ? 0 : status.pid();
        }

        /** The same OS process as {@code earlier}: same node, pid and spawn time (a respawn changes the last two). */
        boolean sameRunAs(Copy earlier) {
            return node.equals(earlier.node) && pid() == earlier.pid()
                    && Objects.equals(status.startTime(), earlier.status.startTime());
        }
    }

    EtcdObserver(EtcdStore store, Keyspace keys) {
        this.store = store;
        this.keys = keys;
    }

    EtcdStore store() {
        return store;
    }

    Keyspace keys() {
        return keys;
    }

    /** etcd's current revision: where a {@link KeyHistory} of what comes next starts. */
    long revision() {
        return store.currentRevision();
    }

    /** Every copy of every process of {@code application} that some agent reports. */
    List<Copy> copies(String application) {
        List<Copy> copies = new ArrayList<>();
        for (Versioned<ProcessStatus> process : store.list(keys.processesPrefix(), ProcessStatus.class).items()) {
            ProcessRef ref = keys.parseProcess(process.key()).orElseThrow();
            if (ref.application().equals(application)) {
                copies.add(new Copy(ref.node(), ref.application(), ref.process(), process.value(), process.leaseId()));
            }
        }
        return copies;
    }

    /** The running copy of a process; fails when it runs on several nodes, as nothing may run twice. */
    Optional<Copy> running(String application, String process) {
        List<Copy> running = copies(application).stream()
                .filter(c -> c.process().equals(process) && c.status().state().isRunning()).toList();
        if (running.size() > 1) {
            throw new AssertionError(application + ":" + process + " runs on several nodes: " + running);
        }
        return running.stream().findFirst();
    }

    /** Whether every named process of {@code application} is RUNNING (not only starting). */
    boolean allRunning(String application, List<String> processes) {
        return processes.stream().allMatch(p -> running(application, p)
                .map(c -> c.status().state() == ProcessState.RUNNING).orElse(false));
    }

    /** Whether the application is RUNNING, and each named process of it too. */
    boolean runsWhole(String application, String... processes) {
        return isInState(application, ApplicationState.RUNNING) && allRunning(application, List.of(processes));
    }

    /** Whether the process is still STARTING (within its startsecs). */
    boolean isStarting(String application, String process) {
        return running(application, process).map(c -> c.status().state() == ProcessState.STARTING).orElse(false);
    }

    Optional<ApplicationState> state(String application) {
        return store.get(keys.applicationStatus(application), ApplicationStatus.class).map(s -> s.value().state());
    }

    boolean isInState(String application, ApplicationState state) {
        return state(application).map(s -> s == state).orElse(false);
    }

    Optional<Versioned<LeaderRecord>> leader() {
        return store.get(keys.leader(), LeaderRecord.class);
    }

    /** The lease the node's registration is bound to, or 0 when the node is not registered. */
    long nodeLease(String node) {
        return store.getRaw(keys.node(node)).map(Versioned::leaseId).orElse(0L);
    }

    /** Whether etcd still knows {@code leaseId} (it has neither expired nor been revoked). */
    boolean leaseAlive(long leaseId) {
        return leaseId != 0 && store.leaseTimeToLive(leaseId).isPresent();
    }

    Optional<Versioned<Assignment>> assignment(String node, String application, String process) {
        return store.get(keys.assignment(node, application, process), Assignment.class);
    }

    /** The assignments of {@code application}, one per process and node the operator placed it on. */
    List<Versioned<Assignment>> assignments(String application) {
        return store.list(keys.assignmentsPrefix(), Assignment.class).items().stream()
                .filter(a -> a.value().application().equals(application)).toList();
    }

    /** Writes the applications of a YAML manifest, as a user would while etcd is failing: trying again until done. */
    void apply(String manifests) {
        for (Sourced<Resource> resource : new ManifestReader().read(manifests, "test.yaml", InputFormat.YAML)) {
            Application application = (Application) resource.value();
            write("application " + application.name(), keys.application(application.name()), application);
        }
    }

    /** Writes what the user asks of {@code application}, trying again until done. */
    void request(String application, Intent intent) {
        write("intent of " + application, keys.intent(application), intent);
    }

    /**
     * A plain put, asked again when etcd fails to answer: putting the same value twice leaves the same desired state,
     * so a put whose first attempt was applied after all does no harm.
     */
    private void write(String what, String key, Object value) {
        await("write " + what).atMost(WRITE_WITHIN).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(StoreException.class)
                .until(() -> store.put(key, value) > 0);
    }

    /** Everything under the keyspace but node statistics and events, or why it could not be read. */
    String dump() {
        try {
            StringBuilder out = new StringBuilder();
            for (Versioned<String> item : store.listRaw(keys.versionPrefix()).items()) {
                if (!item.key().contains("/nodestats/") && !item.key().contains("/events/")) {
                    out.append(item.key()).append(" (lease ").append(Long.toHexString(item.leaseId())).append(") = ")
                            .append(item.value()).append('\n');
                }
            }
            return out.toString();
        } catch (StoreException e) {
            return "(etcd could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Awaits {@code condition}, asking again when etcd fails to answer; when it does not come in time, logs what etcd
     * holds before failing.
     */
    void awaitOrDump(String what, Duration within, Callable<Boolean> condition) {
        try {
            await(what).atMost(within).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(StoreException.class).until(condition);
        } catch (ConditionTimeoutException e) {
            LOG.error("{}: not within {}; what etcd holds:\n{}", what, within, dump());
            throw e;
        }
    }
}
