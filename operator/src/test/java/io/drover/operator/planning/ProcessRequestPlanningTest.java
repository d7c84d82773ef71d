package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.AutoRestart;
import io.drover.api.model.Distribution;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.ProcessIntent;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** start_process, stop_process, restart_process: each carried out once, and never fighting the application's run. */
class ProcessRequestPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    private ClusterSnapshot running() {
        ApplicationDefinition svc = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("bus", 1, 0).build(),
                program("web", 2, 0).autoRestart(AutoRestart.FALSE).build()));
        return Convergence.run(cluster(node("n1"), node("n2")).application(svc).build(), planner, new Agents(), 10).snapshot;
    }

    private static ClusterSnapshot ask(ClusterSnapshot snapshot, String process, IntentAction action, String id) {
        ClusterSnapshot later = snapshot.toBuilder().now(snapshot.now().plus(Duration.ofSeconds(30))).build();
        Intent intent = snapshot.intents().getOrDefault("svc", null);
        ProcessIntent request = new ProcessIntent(action, null, null, id, later.now());
        return later.toBuilder().intent("svc", intent == null ? Intent.processesOnly(process, request)
                : intent.withProcess(process, request)).build();
    }

    private static boolean runs(ClusterSnapshot snapshot, String process) {
        return snapshot.observed("svc").getOrDefault(process, Map.of()).values().stream().anyMatch(s -> s.state().isRunning());
    }

    private static ClusterSnapshot exits(ClusterSnapshot snapshot, String process) {
        ClusterSnapshot.Builder builder = snapshot.toBuilder();
        snapshot.observed("svc").get(process).forEach((node, status) -> builder.observed(node, "svc", process,
                new ProcessStatus(ProcessState.EXITED, null, status.startTime(), snapshot.now(), 1, false, null,
                        status.assignmentRevision(), snapshot.now())));
        return builder.build();
    }

    @Test
    void aStoppedProcessStaysStoppedAndAStartIsCarriedOutOnce() {
        Convergence stopped = Convergence.run(ask(running(), "web", IntentAction.STOP, "s-1"), planner, new Agents(), 10);
        assertFalse(runs(stopped.snapshot, "web"));
        assertTrue(runs(stopped.snapshot, "bus"), "the rest of the application runs on");
        assertTrue(condition(stopped.snapshot, "svc", "ProcessRequests").contains("request 's-1' to stop web: done"),
                condition(stopped.snapshot, "svc", "ProcessRequests"));

        Convergence started = Convergence.run(ask(stopped.snapshot, "web", IntentAction.START, "s-2"), planner, new Agents(), 10);
        assertTrue(runs(started.snapshot, "web"));
        assertTrue(condition(started.snapshot, "svc", "ProcessRequests").contains("request 's-2' to start web: done, on n1"),
                condition(started.snapshot, "svc", "ProcessRequests"));

        Convergence exited = Convergence.run(exits(started.snapshot, "web"), planner, new Agents(), 10);
        assertFalse(runs(exited.snapshot, "web"), "a request starts the process once, it does not keep it running");
    }

    @Test
    void startingAProcessThatRunsIsRefusedForGood() {
        Convergence refused = Convergence.run(ask(running(), "web", IntentAction.START, "s-1"), planner, new Agents(), 10);
        String condition = condition(refused.snapshot, "svc", "ProcessRequests");
        assertTrue(condition.startsWith("FALSE Refused: request 's-1' to start web: refused: svc:web already runs"
                + " (ALREADY_STARTED)"), condition);
        Convergence later = Convergence.run(exits(refused.snapshot, "web"), planner, new Agents(), 10);
        assertFalse(runs(later.snapshot, "web"), "a refused request is not carried out later");
        assertEquals(condition, condition(later.snapshot, "svc", "ProcessRequests"));
    }

    @Test
    void aRestartStopsTheProcessThenStartsItAgain() {
        ClusterSnapshot before = running();
        long firstRevision = before.observed("svc").get("web").get("n1").assignmentRevision();
        Convergence restarted = Convergence.run(ask(before, "web", IntentAction.RESTART, "r-1"), planner, new Agents(), 10);
        assertTrue(restarted.plans.stream().flatMap(p -> Fixtures.puts(p).stream()).toList()
                .containsAll(java.util.List.of("n1 web STOPPED r-1/stop", "n1 web RUNNING r-1")));
        assertTrue(runs(restarted.snapshot, "web"));
        assertTrue(restarted.snapshot.observed("svc").get("web").get("n1").assignmentRevision() > firstRevision);
        assertTrue(condition(restarted.snapshot, "svc", "ProcessRequests").contains("request 'r-1' to restart web: done"));
    }

    @Test
    void aRequestOlderThanTheApplicationsOwnIsSuperseded() {
        ClusterSnapshot asked = ask(running(), "web", IntentAction.STOP, "s-1");
        Intent withLaterApplicationRequest = Intent.of(IntentAction.START, null, null, "a-1",
                asked.now().plusSeconds(1)).withProcess("web", asked.intents().get("svc").processes().get("web"));
        Convergence after = Convergence.run(asked.toBuilder().intent("svc", withLaterApplicationRequest).build(), planner,
                new Agents(), 10);
        assertTrue(runs(after.snapshot, "web"));
        assertTrue(condition(after.snapshot, "svc", "ProcessRequests").contains("superseded"));
    }
}
