package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.state.SystemAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SHUTDOWN and RESTART: a crash stops every managed application in stop order, and RESTART starts them again. */
class SystemPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    /** bus (crashes, with {@code onCrash}) in "core" (start 1, stop 1); "edge" (start 2, stop 2) depends on it. */
    private ClusterSnapshot running(RunningFailureStrategy onCrash) {
        ApplicationDefinition core = app("core", new ApplicationSpec(Distribution.ALL_INSTANCES, null, 1, 1,
                StartingStrategy.CONFIG, StartingFailureStrategy.ABORT, null, null, List.of(
                program("bus", 1, 0).runningFailureStrategy(onCrash).build())));
        ApplicationDefinition edge = app("edge", new ApplicationSpec(Distribution.ALL_INSTANCES, null, 2, 2,
                StartingStrategy.CONFIG, StartingFailureStrategy.ABORT, null, null, List.of(program("web", 1, 0).build())));
        ApplicationDefinition manual = app("manual", new ApplicationSpec(Distribution.ALL_INSTANCES, null, 0, 3,
                StartingStrategy.CONFIG, StartingFailureStrategy.ABORT, null, null, List.of(program("tool", 1, 0).build())));
        ClusterSnapshot started = Convergence.run(cluster(node("n1")).application(core).application(edge).application(manual)
                .build(), planner, new Agents(), 20).snapshot;
        assertEquals(ApplicationState.RUNNING, started.status("edge").orElseThrow().state());
        return started;
    }

    private static ClusterSnapshot busCrashes(ClusterSnapshot snapshot) {
        ProcessStatus bus = snapshot.observed("core").get("bus").get("n1");
        ClusterSnapshot later = snapshot.toBuilder().now(snapshot.now().plus(Duration.ofMinutes(1))).build();
        return later.toBuilder().observed("n1", "core", "bus", new ProcessStatus(ProcessState.EXITED, null, bus.startTime(),
                later.now(), 9, false, null, bus.assignmentRevision(), later.now())).build();
    }

    /** The applications in the order their processes were told to stop, then to run, across every plan. */
    private static List<String> order(Convergence convergence, DesiredState desired) {
        List<String> order = new ArrayList<>();
        for (Plan plan : convergence.plans) {
            plan.puts().stream().filter(p -> p.assignment().desired() == desired && !order.contains(p.application()))
                    .forEach(p -> order.add(p.application()));
        }
        return order;
    }

    @Test
    void aCrashUnderShutdownStopsEveryManagedApplicationGreatestStopSequenceFirst() {
        ClusterSnapshot crashed = busCrashes(running(RunningFailureStrategy.SHUTDOWN));
        Plan request = planner.plan("core", crashed);
        assertTrue(request.actions().stream().anyMatch(a -> a instanceof PlanAction.WriteSystemRequest w
                && w.request().action() == SystemAction.SHUTDOWN && w.request().cause().contains("core:bus crashed on n1")),
                request.toString());

        Convergence after = Convergence.run(AppliedPlan.apply(crashed, request), planner, new Agents(), 20);

        for (String application : List.of("core", "edge", "manual")) {
            assertEquals(ApplicationState.STOPPED, after.snapshot.status(application).orElseThrow().state(), application);
        }
        assertTrue(order(after, DesiredState.RUNNING).isEmpty(), "nothing starts after a shutdown");
        assertEquals(0, after.plans.stream().flatMap(p -> p.actions().stream())
                .filter(PlanAction.WriteSystemRequest.class::isInstance).count(), "one request, however many plans");

        ClusterSnapshot userStarts = after.snapshot.toBuilder().now(after.snapshot.now().plusSeconds(5)).build();
        userStarts = userStarts.toBuilder().intent("edge", Intent.of(IntentAction.START, null, null, "u-1",
                userStarts.now())).build();
        Convergence resumed = Convergence.run(userStarts, planner, new Agents(), 20);
        assertEquals(ApplicationState.RUNNING, resumed.snapshot.status("edge").orElseThrow().state(),
                "a user's later request wins over the shutdown");
        assertEquals(ApplicationState.STOPPED, resumed.snapshot.status("core").orElseThrow().state());
    }

    @Test
    void aCrashUnderRestartStopsEverythingThenStartsTheAutomaticApplicationsInStartOrder() {
        ClusterSnapshot crashed = busCrashes(running(RunningFailureStrategy.RESTART));
        Convergence after = Convergence.run(crashed, planner, new Agents(), 30);
        assertEquals(List.of("core", "edge"), order(after, DesiredState.RUNNING), "core (start 1) first, then edge");
        assertEquals(ApplicationState.RUNNING, after.snapshot.status("core").orElseThrow().state());
        assertEquals(ApplicationState.RUNNING, after.snapshot.status("edge").orElseThrow().state());
        assertEquals(ApplicationState.STOPPED, after.snapshot.status("manual").orElseThrow().state(),
                "start_sequence 0 is not started again");
        assertTrue(after.snapshot.observed("core").get("bus").get("n1").state() == ProcessState.RUNNING);
        long stopsBeforeFirstStart = 0;
        for (Plan plan : after.plans) {
            if (plan.puts().stream().anyMatch(p -> p.assignment().desired() == DesiredState.RUNNING)) {
                break;
            }
            stopsBeforeFirstStart += plan.puts().stream().filter(p -> p.assignment().desired() == DesiredState.STOPPED).count();
        }
        assertTrue(stopsBeforeFirstStart >= 1, "everything stops before anything starts again");
    }

    @Test
    void aNodeLossUnderShutdownDoesNothingAsInSupvisors() {
        ClusterSnapshot running = running(RunningFailureStrategy.SHUTDOWN);
        ClusterSnapshot lost = running.toBuilder().removeNode("n1").removeObserved("n1", "core", "bus")
                .nodeLossHandlingAllowed(true).build();
        Plan plan = planner.plan("core", lost);
        assertFalse(plan.actions().stream().anyMatch(PlanAction.WriteSystemRequest.class::isInstance), plan.toString());
    }
}
