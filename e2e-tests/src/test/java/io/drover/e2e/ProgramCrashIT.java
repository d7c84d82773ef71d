package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessState;
import io.drover.e2e.DroverCluster.Observed;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program of a running application crashes — its process killed with SIGKILL, so the agent reports it EXITED
 * with an unexpected code — and the application's running failure strategy decides what follows, as in Supvisors
 * (reference §2.8, crash on a live node): STOP_APPLICATION stops the application, RESTART_APPLICATION restarts it,
 * RESTART_PROCESS and CONTINUE leave it to Supervisor's autorestart on the node.
 *
 * <p>Three servers and one operator serve the whole class; each test has applications of its own.
 */
class ProgramCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(ProgramCrashIT.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String TTL = "2s";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static DroverCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new DroverCluster(etcd, dir);
        List<String> servers = List.of("server_1", "server_2", "server_3");
        for (String node : servers) {
            cluster.agent(node, TTL);
        }
        cluster.operator("op-1", TTL, "--expect-nodes", String.join(",", servers));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close("ProgramCrashIT");
    }

    /**
     * An application of two stages, a required {@code bus} then a {@code service}, with the given rules added to
     * the application and to each program.
     */
    private static String application(String name, String applicationRules, String busRules, String serviceRules) {
        return """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  startSequence: 1
                %s
                  programs:
                  - name: bus
                    command: sleep 900
                    startSecs: 0
                    startSequence: 1
                    required: true
                %s
                  - name: service
                    command: sleep 901
                    startSecs: 0
                    startSequence: 2
                %s
                """.formatted(name, indent(applicationRules, 2), indent(busRules, 4), indent(serviceRules, 4));
    }

    private static String indent(String lines, int spaces) {
        return lines.lines().map(l -> " ".repeat(spaces) + l).collect(Collectors.joining("\n"));
    }

    private static boolean runs(String application, String... processes) {
        for (String process : processes) {
            if (!cluster.observed(application, process).map(o -> o.status().state() == ProcessState.RUNNING).orElse(false)) {
                return false;
            }
        }
        return cluster.status(application).map(s -> s.state() == ApplicationState.RUNNING).orElse(false);
    }

    /** Whether {@code process} runs in a process other than {@code pid}. */
    private static boolean runsAnew(String application, String process, long pid) {
        return cluster.observed(application, process).map(o -> o.status().state() == ProcessState.RUNNING
                && o.status().pid() != null && o.status().pid() != pid).orElse(false);
    }

    /** Whether {@code process} still runs in process {@code pid}. */
    private static boolean stillRuns(String application, String process, long pid) {
        return cluster.observed(application, process).map(o -> o.status().state() == ProcessState.RUNNING
                && o.status().pid() != null && o.status().pid() == pid).orElse(false);
    }

    private static Observed observed(String application, String process) {
        return cluster.observed(application, process).orElseThrow(() -> new AssertionError(application + ":" + process
                + " is not reported"));
    }

    private static ApplicationStatus status(String application) {
        return cluster.status(application).orElseThrow(() -> new AssertionError("no status of " + application));
    }

    private static Optional<ProcessState> state(String application, String process) {
        return cluster.observed(application, process).map(o -> o.status().state());
    }

    /** Starts {@code manifest}'s application and waits until every one of {@code processes} runs. */
    private static Map<String, Observed> started(String application, String manifest, String... processes) {
        cluster.apply(manifest);
        cluster.awaitOrDump(application + " RUNNING", WITHIN, () -> runs(application, processes));
        return Arrays.stream(processes).collect(Collectors.toMap(p -> p, p -> observed(application, p)));
    }

    @Test
    void restartApplicationStopsAndStartsTheWholeApplicationAgainAfterACrash() {
        String app = "crash_restart_app";
        Map<String, Observed> before = started(app, application(app, "", "runningFailureStrategy: RESTART_APPLICATION", ""),
                "bus", "service");

        DroverCluster.kill(before.get("bus").status().pid());

        cluster.awaitOrDump(app + " restarted: new bus and service, RUNNING", WITHIN, () -> runs(app, "bus", "service")
                && runsAnew(app, "bus", before.get("bus").status().pid())
                && runsAnew(app, "service", before.get("service").status().pid()));
        assertFalse(alive(before.get("service")), "the service's first process was stopped");
        ApplicationStatus status = status(app);
        assertFalse(status.majorFailure(), "running again: " + status);
        assertFalse(status.minorFailure(), "running again: " + status);
        List<String> explanations = cluster.explanations(app);
        LOG.info("{} after its bus crashed:\n  {}", app, String.join("\n  ", explanations));
        assertTrue(explanations.stream().anyMatch(e -> e.contains("RESTART_APPLICATION") && e.contains("bus")),
                "a condition or event says the application was restarted because its bus crashed: " + explanations);
    }

    /**
     * Two applications: in one the required bus crashes (its own strategy), in the other the optional service (the
     * application's strategy, which its programs inherit).
     */
    @Test
    void stopApplicationStopsTheApplicationWithAMajorFailureForARequiredProgramAndAMinorOneForAnOptionalProgram() {
        String required = "crash_stop_required";
        String optional = "crash_stop_optional";
        Map<String, Observed> requiredBefore = started(required,
                application(required, "", "runningFailureStrategy: STOP_APPLICATION", ""), "bus", "service");
        Map<String, Observed> optionalBefore = started(optional,
                application(optional, "runningFailureStrategy: STOP_APPLICATION", "", ""), "bus", "service");

        DroverCluster.kill(requiredBefore.get("bus").status().pid());
        DroverCluster.kill(optionalBefore.get("service").status().pid());

        cluster.awaitOrDump("both applications STOPPED", WITHIN, () -> stoppedAfterCrash(required, "bus", "service")
                && stoppedAfterCrash(optional, "service", "bus"));
        ApplicationStatus requiredStatus = status(required);
        ApplicationStatus optionalStatus = status(optional);
        LOG.info("{} after its bus crashed: {}", required, requiredStatus);
        LOG.info("{} after its service crashed: {}", optional, optionalStatus);
        assertTrue(requiredStatus.majorFailure(), "the required bus crashed: " + requiredStatus);
        assertFalse(optionalStatus.majorFailure(), "only an optional program crashed: " + optionalStatus);
        assertTrue(optionalStatus.minorFailure(), "the optional service crashed: " + optionalStatus);
        assertFalse(alive(requiredBefore.get("service")), "the service's process was stopped");
        assertFalse(alive(optionalBefore.get("bus")), "the bus's process was stopped");
        assertTrue(cluster.explanations(required).stream().anyMatch(e -> e.contains("STOP_APPLICATION") && e.contains("bus")),
                "a condition or event says the bus's crash stopped the application: " + cluster.explanations(required));
        assertTrue(cluster.explanations(optional).stream().anyMatch(e -> e.contains("STOP_APPLICATION") && e.contains("service")),
                "a condition or event says the service's crash stopped the application: " + cluster.explanations(optional));
        // neither the agent (autorestart is the operator's under STOP_APPLICATION) nor the operator starts anything
        cluster.holdsOrDump("both stay STOPPED", Duration.ofSeconds(2), () -> stoppedAfterCrash(required, "bus", "service")
                && stoppedAfterCrash(optional, "service", "bus"));
    }

    /** The application is STOPPED, its crashed process shows how it ended (EXITED), the other one was stopped. */
    private static boolean stoppedAfterCrash(String application, String crashed, String other) {
        return cluster.status(application).map(s -> s.state() == ApplicationState.STOPPED).orElse(false)
                && state(application, crashed).map(s -> s == ProcessState.EXITED).orElse(false)
                && state(application, other).map(s -> s == ProcessState.STOPPED).orElse(false);
    }

    private static boolean alive(Observed process) {
        return ProcessHandle.of(process.status().pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void continueLeavesTheRestRunningAndTheCrashedProgramDownWithAMinorFailure() {
        String app = "crash_continue_app";
        Map<String, Observed> before = started(app, application(app, "runningFailureStrategy: CONTINUE", "",
                "autoRestart: false"), "bus", "service");
        String serviceKey = cluster.keys().assignment(before.get("service").node(), app, "service");
        long serviceAssignment = cluster.store().getRaw(serviceKey).orElseThrow().modRevision();

        DroverCluster.kill(before.get("service").status().pid());

        cluster.awaitOrDump(app + " RUNNING with a minor failure", WITHIN, () -> cluster.status(app)
                .map(s -> s.state() == ApplicationState.RUNNING && s.minorFailure() && !s.majorFailure()).orElse(false));
        LOG.info("{} after its service crashed: {}", app, status(app));
        cluster.holdsOrDump(app + " keeps its bus and leaves the service down", Duration.ofSeconds(3), () ->
                stillRuns(app, "bus", before.get("bus").status().pid())
                        && state(app, "service").map(s -> s == ProcessState.EXITED).orElse(false)
                        && cluster.status(app).map(s -> s.state() == ApplicationState.RUNNING && s.minorFailure()).orElse(false));
        assertEquals(serviceAssignment, cluster.store().getRaw(serviceKey).orElseThrow().modRevision(),
                "the operator did not touch the crashed service's assignment");
    }

    @Test
    void restartProcessLeavesTheCrashToSupervisorsAutorestartOnTheSameNode() {
        String app = "crash_restart_process";
        Map<String, Observed> before = started(app, application(app, "", "",
                "runningFailureStrategy: RESTART_PROCESS\nautoRestart: true"), "bus", "service");
        Observed service = before.get("service");
        String serviceKey = cluster.keys().assignment(service.node(), app, "service");
        long serviceAssignment = cluster.store().getRaw(serviceKey).orElseThrow().modRevision();

        DroverCluster.kill(service.status().pid());

        cluster.awaitOrDump(app + ": service restarted by its agent", WITHIN, () -> runs(app, "bus", "service")
                && runsAnew(app, "service", service.status().pid()));
        Observed after = observed(app, "service");
        assertEquals(service.node(), after.node(), "restarted where it ran");
        assertNotEquals(service.status().pid(), after.status().pid());
        assertEquals(before.get("bus").status().pid(), observed(app, "bus").status().pid(), "the bus was left alone");
        assertEquals(serviceAssignment, cluster.store().getRaw(serviceKey).orElseThrow().modRevision(),
                "the operator did not touch the crashed service's assignment: the agent restarted it");
        cluster.awaitOrDump(app + " RUNNING without failure", WITHIN, () -> cluster.status(app)
                .map(s -> s.state() == ApplicationState.RUNNING && !s.minorFailure() && !s.majorFailure()).orElse(false));
    }
}
