package io.drover.e2e;

import static org.awaitility.Awaitility.await;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.manifest.InputFormat;
import io.drover.api.manifest.ManifestReader;
import io.drover.api.model.Application;
import io.drover.api.model.Resource;
import io.drover.api.model.RuleSet;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.EventRecord;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drover cluster as users run it: agents and operators, each {@code java -jar drover.jar} in an OS process of its
 * own, over the etcd of an {@link EtcdExtension}, under a keyspace prefix of their own. What the tests observe, they
 * read from etcd: process keys, application statuses, events.
 */
final class DroverCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DroverCluster.class);

    private final EtcdExtension etcd;
    private final Path dir;
    private final Keyspace keys;
    private final EtcdStore store;
    private final List<DroverProcess> daemons = new ArrayList<>();
    private final Map<String, DroverProcess> agents = new HashMap<>();

    /** One process observed on one node. */
    record Observed(String node, String process, ProcessStatus status) {
    }

    DroverCluster(EtcdExtension etcd, Path dir) {
        this.etcd = etcd;
        this.dir = dir;
        this.keys = Keyspace.withPrefix(etcd.freshPrefix());
        this.store = etcd.store();
    }

    Keyspace keys() {
        return keys;
    }

    EtcdStore store() {
        return store;
    }

    /** Starts the agent of {@code node}, labelled {@code server}, with the given lease TTL (e.g. "2s"). */
    DroverProcess agent(String node, String leaseTtl) throws Exception {
        DroverProcess agent = daemon(node, "agent", "--node-id", node, "--labels", "server", "--lease-ttl", leaseTtl,
                "--state-dir", dir.resolve(node + "/state").toString(), "--log-dir", dir.resolve(node + "/log").toString(),
                "--here", dir.toString());
        agents.put(node, agent);
        return agent;
    }

    /** Starts an operator whose own lease and whose view of agents' leases last {@code leaseTtl}; no REST API. */
    DroverProcess operator(String id, String leaseTtl, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("operator", "--id", id, "--lease-ttl", leaseTtl,
                "--node-lease-ttl", leaseTtl, "--http-port", "-1"));
        args.addAll(List.of(more));
        return daemon(id, args.toArray(String[]::new));
    }

    private DroverProcess daemon(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--etcd", String.join(",", etcd.endpoints()), "--prefix", keys.prefix()));
        DroverProcess process = DroverProcess.start(dir.resolve(name + ".log"), all.toArray(String[]::new));
        daemons.add(process);
        return process;
    }

    /**
     * A server powers down: its agent and the given processes (what it ran) are killed with SIGKILL, agent first, so
     * that nothing of the node reports the processes' end.
     */
    void powerDown(String node, List<Long> pids) throws InterruptedException {
        agents.get(node).kill();
        pids.forEach(DroverCluster::kill);
    }

    /** SIGKILL of one process, as a crash would end it. */
    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Writes the rule sets and applications of a YAML manifest straight into the keyspace. */
    void apply(String manifests) {
        for (Sourced<Resource> resource : new ManifestReader().read(manifests, "test.yaml", InputFormat.YAML)) {
            if (resource.value() instanceof RuleSet ruleSet) {
                store.put(keys.ruleSet(ruleSet.name()), ruleSet);
            } else if (resource.value() instanceof Application application) {
                store.put(keys.application(application.name()), application);
            } else {
                throw new IllegalArgumentException("only rule sets and applications are written: " + resource.value());
            }
        }
    }

    /** Every process of {@code application} that some agent reports. */
    List<Observed> observed(String application) {
        List<Observed> observed = new ArrayList<>();
        for (Versioned<ProcessStatus> process : store.list(keys.processesPrefix(), ProcessStatus.class).items()) {
            ProcessRef ref = ((ParsedKey.ProcessKey) keys.parse(process.key()).orElseThrow()).process();
            if (ref.application().equals(application)) {
                observed.add(new Observed(ref.node(), ref.process(), process.value()));
            }
        }
        return observed;
    }

    /** Observed processes of {@code application}, by node. */
    Map<String, List<ProcessStatus>> observedByNode(String application) {
        Map<String, List<ProcessStatus>> byNode = new HashMap<>();
        for (Observed process : observed(application)) {
            byNode.computeIfAbsent(process.node(), n -> new ArrayList<>()).add(process.status());
        }
        return byNode;
    }

    /**
     * The current copy of {@code process}: the one that runs (or is about to), else the last one reported. A restart
     * may place a process on another node, where the node it left still reports how it ended there.
     */
    Optional<Observed> observed(String application, String process) {
        List<Observed> copies = observed(application).stream().filter(o -> o.process().equals(process)).toList();
        List<Observed> running = copies.stream().filter(o -> o.status().state().isRunning()).toList();
        if (running.size() > 1) {
            throw new AssertionError(application + ":" + process + " runs on several nodes: " + copies);
        }
        if (running.size() == 1) {
            return Optional.of(running.get(0));
        }
        return copies.stream().max(Comparator.comparing(o -> o.status().updatedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    Optional<ApplicationStatus> status(String application) {
        return store.get(keys.applicationStatus(application), ApplicationStatus.class).map(Versioned::value);
    }

    /** The events about {@code application} or one of its processes. */
    List<EventRecord> events(String application) {
        return store.list(keys.eventsPrefix(), EventRecord.class).items().stream().map(Versioned::value)
                .filter(e -> ("application/" + application).equals(e.object())
                        || (e.object() != null && e.object().startsWith("process/" + application + "/")))
                .toList();
    }

    /** Every condition and event of {@code application}, one a line: what a human would read to know why. */
    List<String> explanations(String application) {
        Stream<String> conditions = status(application).map(ApplicationStatus::conditions).orElse(List.of()).stream()
                .map(c -> "condition " + c.type() + "/" + c.reason() + ": " + c.message());
        Stream<String> events = events(application).stream().map(e -> "event " + e.reason() + ": " + e.message());
        return Stream.concat(conditions, events).toList();
    }

    /** Everything under the keyspace but node statistics, for a failure's report. */
    String dump() {
        StringBuilder out = new StringBuilder();
        for (Versioned<String> item : store.listRaw(keys.versionPrefix()).items()) {
            if (!item.key().contains("/nodestats/")) {
                out.append(item.key()).append(" = ").append(item.value()).append('\n');
            }
        }
        return out.toString();
    }

    /** Awaits {@code condition}; when it does not come in time, logs what etcd holds before failing. */
    void awaitOrDump(String what, Duration within, Callable<Boolean> condition) {
        try {
            await(what).atMost(within).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            LOG.error("{}: not within {}; what etcd holds:\n{}", what, within, dump());
            throw e;
        }
    }

    /**
     * Checks that {@code condition} keeps holding for {@code during} (that something does not happen), logging what
     * etcd holds when it stops holding.
     */
    void holdsOrDump(String what, Duration during, Callable<Boolean> condition) {
        try {
            await(what).during(during).atMost(during.plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            LOG.error("{}: did not hold for {}; what etcd holds:\n{}", what, during, dump());
            throw e;
        }
    }

    /** Stops every daemon (SIGTERM, in start order: the agents stop their processes) and keeps their logs. */
    void close(String test) throws Exception {
        close();
        DroverProcess.keepLogs(dir, test);
    }

    @Override
    public void close() throws InterruptedException {
        for (DroverProcess daemon : daemons) {
            daemon.close();
        }
        daemons.clear();
    }
}
