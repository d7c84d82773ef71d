package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Condition;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.Versioned;
import io.drover.e2e.DroverCluster.Observed;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twenty applications, each restarted by its program's crash (RESTART_APPLICATION) within a budget of two restarts
 * in five minutes, all crash together (SIGKILL of every pid at once), three times in a row: the first two crashes
 * restart them, the second one only after a back-off, the third leaves them STOPPED with a condition naming the
 * exhausted budget. Meanwhile the operator's writes stay bounded: at most a stop and a start of the process per
 * restart, and one stop at the end. Prints what it measured.
 */
class MassCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(MassCrashIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(45);
    private static final String TTL = "2s";
    private static final int APPLICATIONS = 20;
    private static final int MAX_RESTARTS = 2;
    private static final int ROUNDS = MAX_RESTARTS + 1;
    /** The operator's first back-off, before the second restart of a run (RestartBackoff's default: 5 s + jitter). */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    /**
     * At most this many etcd transactions per application over the three crashes, every writer counted (operator,
     * agents, events): about 16 were measured for three restarts; a restart storm would be many times more.
     */
    private static final int TRANSACTIONS_PER_APPLICATION = 30;
    /** What a condition says when the budget stopped the restarts: it names the budget, in some words. */
    private static final Pattern EXHAUSTED_BUDGET = Pattern.compile(
            "budget|max ?restarts|restart ?limit|too ?many ?restarts|exhausted");

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    Path dir;

    private DroverCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new DroverCluster(etcd, dir);
        List<String> servers = List.of("server_1", "server_2", "server_3");
        for (String node : servers) {
            cluster.agent(node, TTL);
        }
        cluster.operator("op-1", TTL, "--expect-nodes", String.join(",", servers));
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.close("MassCrashIT");
    }

    private static List<String> applications() {
        return IntStream.rangeClosed(1, APPLICATIONS).mapToObj(i -> "storm_%02d".formatted(i)).toList();
    }

    private static String manifests() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: drover.io/v1
                kind: RuleSet
                metadata:
                  name: storm
                spec:
                  applications:
                  - pattern: storm_
                    startSequence: 1
                    startingStrategy: LESS_LOADED
                    maxRestarts: %d
                    restartWindowSecs: 300
                    programs:
                    - pattern: ""
                      startSequence: 1
                      required: true
                      expectedLoading: 2
                      runningFailureStrategy: RESTART_APPLICATION
                """.formatted(MAX_RESTARTS));
        for (String application : applications()) {
            yaml.append("""
                    ---
                    apiVersion: drover.io/v1
                    kind: Application
                    metadata:
                      name: %s
                    spec:
                      programs:
                      - name: worker
                        command: sleep 900
                        startSecs: 0
                    """.formatted(application));
        }
        return yaml.toString();
    }

    private Optional<Observed> worker(String application) {
        return cluster.observed(application, "worker");
    }

    private boolean runsIn(String application, Set<Long> notIn) {
        return worker(application).map(o -> o.status().state() == ProcessState.RUNNING && o.status().pid() != null
                && !notIn.contains(o.status().pid())).orElse(false)
                && cluster.status(application).map(s -> s.state() == ApplicationState.RUNNING).orElse(false);
    }

    /** The condition of {@code status} that names the exhausted restart budget, if any. */
    private static Optional<Condition> budgetCondition(ApplicationStatus status) {
        return status.conditions().stream().filter(c -> EXHAUSTED_BUDGET.matcher(
                (c.reason() + " " + c.message()).toLowerCase(Locale.ROOT)).find()).findFirst();
    }

    /** Stopped for good: a restart that waits out its back-off (RestartPending) also shows the application STOPPED. */
    private boolean leftStopped(String application) {
        return cluster.status(application).map(s -> s.state() == ApplicationState.STOPPED
                && budgetCondition(s).isPresent()
                && s.conditions().stream().noneMatch(c -> c.type().equals("Sequence") && c.reason().equals("RestartPending")))
                .orElse(false);
    }

    @Test
    void crashesOfTwentyApplicationsTogetherRestartThemWithinTheirBudgetThenLeaveThemStopped() throws Exception {
        cluster.apply(manifests());
        Set<Long> killed = new HashSet<>();
        cluster.awaitOrDump("the " + APPLICATIONS + " applications RUNNING", WITHIN,
                () -> applications().stream().allMatch(a -> runsIn(a, killed)));

        KeyspaceWrites writes = KeyspaceWrites.from(cluster.store(), cluster.keys());
        long begin = System.nanoTime();
        Map<String, List<Instant>> spawns = new TreeMap<>();
        Map<String, Long> firstPids = new TreeMap<>();
        for (String application : applications()) {
            ProcessStatus first = worker(application).orElseThrow().status();
            spawns.put(application, new ArrayList<>(List.of(first.startTime())));
            firstPids.put(application, first.pid());
        }
        List<String> rounds = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                List<Long> pids = new ArrayList<>();
                for (String application : applications()) {
                    worker(application).filter(o -> o.status().state() == ProcessState.RUNNING)
                            .map(o -> o.status().pid()).ifPresent(pids::add);
                }
                long kill = System.nanoTime();
                pids.forEach(DroverCluster::kill);
                killed.addAll(pids);
                // each application runs again in a new process, or is left stopped by its exhausted budget
                cluster.awaitOrDump("round " + round + ": every application restarted or left STOPPED", WITHIN,
                        () -> applications().stream().allMatch(a -> runsIn(a, killed) || leftStopped(a)));
                long restarted = applications().stream().filter(a -> runsIn(a, killed)).count();
                rounds.add("round %d: %d pids killed; %d applications running again, %d left stopped, after %d ms"
                        .formatted(round, pids.size(), restarted, APPLICATIONS - restarted, (System.nanoTime() - kill) / 1_000_000));
                for (String application : applications()) {
                    worker(application).filter(o -> runsIn(application, killed))
                            .ifPresent(o -> spawns.get(application).add(o.status().startTime()));
                }
            }
        } finally {
            long elapsedMs = (System.nanoTime() - begin) / 1_000_000;
            long now = cluster.store().currentRevision();
            cluster.awaitOrDump("the write count caught up", Duration.ofSeconds(10), () -> writes.caughtUpWith(now));
            writes.close();
            report(rounds, writes, elapsedMs, spawns, firstPids);
        }

        Map<String, Integer> restarts = restarts(writes, firstPids);
        for (String application : applications()) {
            assertTrue(restarts.get(application) <= MAX_RESTARTS, application + " restarted " + restarts.get(application)
                    + " times within the window; the budget is " + MAX_RESTARTS + ": " + restarts);
            List<Instant> started = spawns.get(application);
            assertTrue(started.size() >= 3, application + " was restarted twice before its budget ran out: " + started);
            Duration secondRestart = Duration.between(started.get(1), started.get(2));
            // the back-off counts from when the first restart began to stop the application, which came before its
            // process spawned by up to the time the operator took over the twenty restarts (about 1.3 s measured)
            assertTrue(secondRestart.compareTo(FIRST_BACKOFF.minusSeconds(2)) >= 0, application
                    + "'s second restart came " + secondRestart.toMillis() + " ms after the first: not backed off");
        }
        for (String application : applications()) {
            ApplicationStatus status = cluster.status(application).orElseThrow();
            assertEquals(ApplicationState.STOPPED, status.state(), application + " is left STOPPED: " + status);
            assertTrue(budgetCondition(status).isPresent(), application + " has a condition naming the exhausted restart "
                    + "budget: " + status.conditions());
        }
        // nothing of a stopped application starts again on its own
        cluster.holdsOrDump("every application stays STOPPED", Duration.ofSeconds(3), () -> applications().stream()
                .allMatch(a -> worker(a).map(o -> !o.status().state().isRunning()).orElse(true)));
        // per application: the first start is before counting; each restart stops then starts the worker again (two
        // writes), and the exhausted budget stops it once more
        int bound = 2 * MAX_RESTARTS + 1;
        Map<String, Integer> assignmentWrites = writes.assignmentsByApplication();
        for (String application : applications()) {
            int count = assignmentWrites.getOrDefault(application, 0);
            assertTrue(count <= bound, application + ": " + count + " assignment writes for " + MAX_RESTARTS
                    + " restarts and a stop, more than " + bound + ": " + assignmentWrites);
        }
        assertTrue(writes.transactions() <= TRANSACTIONS_PER_APPLICATION * APPLICATIONS, writes.transactions()
                + " etcd transactions for " + APPLICATIONS + " applications: " + writes.byKind());
    }

    /** Restarts of each application: the pids its worker ran in since the first, less the first. */
    private static Map<String, Integer> restarts(KeyspaceWrites writes, Map<String, Long> firstPids) {
        Map<String, Integer> restarts = new TreeMap<>();
        for (String application : applications()) {
            Set<Long> pids = new HashSet<>(writes.pids(application));
            pids.add(firstPids.get(application));
            restarts.put(application, pids.size() - 1);
        }
        return restarts;
    }

    private void report(List<String> rounds, KeyspaceWrites writes, long elapsedMs, Map<String, List<Instant>> spawns,
                        Map<String, Long> firstPids) {
        Map<String, Integer> assignmentWrites = writes.assignmentsByApplication();
        int assignments = assignmentWrites.values().stream().mapToInt(Integer::intValue).sum();
        Map<Integer, Long> restartsHistogram = restarts(writes, firstPids).values().stream()
                .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
        List<Versioned<Assignment>> versions = cluster.store().list(cluster.keys().assignmentsPrefix(), Assignment.class)
                .items();
        Map<String, String> outcomes = new HashMap<>();
        for (String application : applications()) {
            outcomes.put(application, cluster.status(application).map(s -> s.state() + " "
                    + s.conditions().stream().filter(c -> c.type().equals("Sequence")).map(Condition::message)
                    .findFirst().orElse("")).orElse("no status"));
        }
        LOG.info("""
                        mass crash of {} applications (maxRestarts {}, restartWindowSecs 300), {} rounds in {} ms:
                          {}
                          restarts per application (count of applications by restarts): {}
                          etcd: {} key changes in {} transactions ({} per second); by kind of key: {}
                          assignment writes: {} in all, per application {}
                          assignment keys: {}, written {} times since they were created (etcd's key versions)
                          spawn times of {}: {}
                          outcome per application: {}""",
                APPLICATIONS, MAX_RESTARTS, rounds.size(), elapsedMs, String.join("\n  ", rounds), restartsHistogram,
                writes.total(), writes.transactions(), elapsedMs == 0 ? 0 : writes.transactions() * 1000L / elapsedMs,
                writes.byKind(), assignments, assignmentWrites, versions.size(),
                versions.stream().mapToLong(Versioned::version).sum(), applications().get(0),
                spawns.get(applications().get(0)), new TreeMap<>(outcomes));
    }
}
