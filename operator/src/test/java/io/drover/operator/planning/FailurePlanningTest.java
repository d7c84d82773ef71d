package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.puts;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ProcessState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running failure strategies: node loss (after the grace period only) and crashes. */
class FailurePlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    private static ApplicationDefinition service(RunningFailureStrategy onFailure) {
        return app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT,
                program("bus", 1, 0).required(true).runningFailureStrategy(onFailure).build(),
                program("web", 2, 0).identifiers(List.of("n2")).build()));
    }

    private Convergence running(RunningFailureStrategy onFailure) {
        return Convergence.run(cluster(node("n1"), node("n2")).application(service(onFailure)).build(), planner, new Agents(), 10);
    }

    private static ClusterSnapshot lose(ClusterSnapshot snapshot, String node, boolean allowed) {
        ClusterSnapshot.Builder builder = snapshot.toBuilder().removeNode(node).nodeLossHandlingAllowed(allowed);
        snapshot.observed().forEach((app, byProcess) -> byProcess.forEach((process, byNode) -> {
            if (byNode.containsKey(node)) {
                builder.removeObserved(node, app, process);
            }
        }));
        return builder.build();
    }

    @Test
    void aLostNodeIsNotActedOnDuringTheGracePeriod() {
        Convergence running = running(RunningFailureStrategy.RESTART_PROCESS);
        Plan plan = planner.plan("svc", lose(running.snapshot, "n1", false));
        assertTrue(plan.isEmpty(), "processes on an unreachable node are assumed running: " + plan);
    }

    @Test
    void restartProcessStartsTheLostProcessElsewhere() {
        Convergence running = running(RunningFailureStrategy.RESTART_PROCESS);
        ClusterSnapshot lost = lose(running.snapshot, "n1", true);
        Plan plan = planner.plan("svc", lost);
        assertEquals(List.of("n1 bus RUNNING autostart/stop", "n2 bus RUNNING autostart"), puts(plan));
        assertTrue(plan.puts().get(0).assignment().adoptOnly(),
                "the copy left on the lost node is kept adopt-only: conciliated if it still runs when n1 comes back");
        assertTrue(plan.puts().get(1).reason().contains("RESTART_PROCESS"));
        Convergence after = Convergence.run(AppliedPlan.apply(lost, plan), planner, new Agents(), 10);
        assertEquals("n2", after.snapshot.status("svc").orElseThrow().placement().get("bus"));
    }

    @Test
    void restartProcessIsPromotedWhenNothingOfTheApplicationRunsAnyMore() {
        ApplicationDefinition single = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("bus", 1, 0).runningFailureStrategy(RunningFailureStrategy.RESTART_PROCESS).build()));
        Convergence running = Convergence.run(cluster(node("n1"), node("n2")).application(single).build(), planner, new Agents(), 10);
        Convergence after = Convergence.run(lose(running.snapshot, "n1", true), planner, new Agents(), 10);
        assertEquals("TRUE Started: run 'autostart~1': start sequence complete", condition(after.snapshot, "svc", "Sequence"));
    }

    @Test
    void restartApplicationRestartsTheWholeApplicationElsewhere() {
        Convergence running = running(RunningFailureStrategy.RESTART_APPLICATION);
        Convergence after = Convergence.run(lose(running.snapshot, "n1", true), planner, new Agents(), 10);
        assertEquals("TRUE Started: run 'autostart~1': start sequence complete", condition(after.snapshot, "svc", "Sequence"));
        assertEquals(java.util.Map.of("bus", "n2", "web", "n2"), after.snapshot.status("svc").orElseThrow().placement());
        List<String> sequence = after.plans.stream().flatMap(p -> puts(p).stream()).toList();
        assertEquals(List.of("n1 bus RUNNING autostart~1/stop", "n2 web STOPPED autostart~1/stop",
                "n2 bus RUNNING autostart~1", "n2 web RUNNING autostart~1"), sequence);
        assertTrue(after.snapshot.assignments("svc").get("bus").get("n1").assignment().adoptOnly(),
                "the copy on the lost node is held for conciliation, not started again there");
    }

    @Test
    void stopApplicationStopsWhatIsLeft() {
        ApplicationDefinition app = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT,
                program("bus", 1, 0).identifiers(List.of("n1")).runningFailureStrategy(RunningFailureStrategy.STOP_APPLICATION).build(),
                program("web", 2, 0).identifiers(List.of("n2")).build()));
        Convergence running = Convergence.run(cluster(node("n1"), node("n2")).application(app).build(), planner, new Agents(), 10);
        Convergence after = Convergence.run(lose(running.snapshot, "n1", true), planner, new Agents(), 10);
        assertEquals("TRUE StoppedOnFailure: run 'autostart': stopped (STOP_APPLICATION): node n1 of svc:bus lost",
                condition(after.snapshot, "svc", "Sequence"));
        assertEquals(ProcessState.STOPPED, after.snapshot.observed("svc").get("web").get("n2").state());
    }

    @Test
    void continueOnlyReports() {
        Convergence running = running(RunningFailureStrategy.CONTINUE);
        ClusterSnapshot lost = lose(running.snapshot, "n1", true);
        Plan plan = planner.plan("svc", lost);
        assertTrue(plan.puts().isEmpty());
        ClusterSnapshot after = AppliedPlan.apply(lost, plan);
        assertTrue(after.status("svc").orElseThrow().majorFailure(), "bus is shown FATAL: its node is lost");
        assertTrue(planner.plan("svc", after).isEmpty());
    }

    @Test
    void aCrashRestartsTheApplicationThenBacksOff() {
        Convergence running = running(RunningFailureStrategy.RESTART_APPLICATION);
        ClusterSnapshot crashed = crash(running.snapshot, "n1", 0);
        Convergence restarted = Convergence.run(crashed, planner, new Agents(), 10);
        assertEquals("TRUE Started: run 'autostart~1': start sequence complete", condition(restarted.snapshot, "svc", "Sequence"));

        ClusterSnapshot crashedAgain = crash(restarted.snapshot, "n1", 0);
        Plan plan = planner.plan("svc", crashedAgain);
        assertTrue(plan.puts().isEmpty(), "the second restart in a row waits for its back-off");
        String pending = condition(AppliedPlan.apply(crashedAgain, plan), "svc", "Sequence");
        assertTrue(pending.startsWith("TRUE RestartPending: run 'autostart~1': restart (RESTART_APPLICATION: svc:bus crashed on n1)"), pending);
        ClusterSnapshot later = AppliedPlan.apply(crashedAgain, plan).toBuilder()
                .now(plan.recheckAt().orElseThrow()).build();
        assertEquals(List.of("n1 bus STOPPED autostart~2/stop", "n2 web STOPPED autostart~2/stop"), puts(planner.plan("svc", later)));
    }

    @Test
    void pastItsRestartBudgetTheApplicationIsLeftStoppedWithTheReason() {
        ApplicationSpec budgeted = new ApplicationSpec(Distribution.ALL_INSTANCES, null, 1, null, StartingStrategy.CONFIG,
                StartingFailureStrategy.ABORT, null, null, null, 2, 300, List.of(
                program("bus", 1, 0).required(true).runningFailureStrategy(RunningFailureStrategy.RESTART_APPLICATION).build(),
                program("web", 2, 0).identifiers(List.of("n2")).build()));
        ClusterSnapshot snapshot = Convergence.run(cluster(node("n1"), node("n2")).application(app("svc", budgeted)).build(),
                planner, new Agents(), 10).snapshot;
        for (int restart = 1; restart <= 2; restart++) {
            snapshot = Convergence.run(crash(snapshot, "n1", 60), planner, new Agents(), 10).snapshot;
            assertEquals("TRUE Started: run 'autostart~" + restart + "': start sequence complete",
                    condition(snapshot, "svc", "Sequence"));
            assertEquals(restart, snapshot.status("svc").orElseThrow().recentRestarts().size());
        }
        Convergence third = Convergence.run(crash(snapshot, "n1", 60), planner, new Agents(), 10);
        String sequence = condition(third.snapshot, "svc", "Sequence");
        assertTrue(sequence.startsWith("TRUE RestartBudgetExhausted: run 'autostart~2': stopped: restart budget exhausted:"
                + " 2 restart(s) within 300 s"), sequence);
        assertEquals(ApplicationState.STOPPED, third.snapshot.status("svc").orElseThrow().state());
        assertTrue(third.snapshot.assignments("svc").values().stream().flatMap(byNode -> byNode.values().stream())
                .allMatch(a -> a.assignment().desired() == io.drover.api.state.DesiredState.STOPPED));
        assertTrue(third.plans.stream().flatMap(p -> p.puts().stream()).noneMatch(p -> p.assignment().desired()
                == io.drover.api.state.DesiredState.RUNNING), "nothing started once the budget is spent");

        ClusterSnapshot windowLater = third.snapshot.toBuilder().now(third.snapshot.now().plusSeconds(3600)).build();
        assertTrue(Convergence.run(windowLater, planner, new Agents(), 10).plans.stream()
                .flatMap(p -> p.puts().stream()).noneMatch(p -> p.assignment().desired()
                        == io.drover.api.state.DesiredState.RUNNING), "a run given up on stays stopped: a user starts it again");
    }

    @Test
    void aCrashWithContinueOrRestartProcessIsLeftToSupervisorsAutorestart() {
        for (RunningFailureStrategy strategy : List.of(RunningFailureStrategy.CONTINUE, RunningFailureStrategy.RESTART_PROCESS)) {
            Convergence running = running(strategy);
            Plan plan = planner.plan("svc", crash(running.snapshot, "n1", 0));
            assertTrue(plan.puts().isEmpty(), strategy.name());
        }
    }

    @Test
    void theOperatorOwnsRestartsForApplicationStrategies() {
        Convergence running = running(RunningFailureStrategy.STOP_APPLICATION);
        assertTrue(running.snapshot.assignments("svc").get("bus").get("n1").assignment().restartsByOperator());
        assertTrue(!running.snapshot.assignments("svc").get("web").get("n2").assignment().restartsByOperator());
    }

    /** The bus process exits unexpectedly on {@code node}, {@code seconds} after now. */
    private static ClusterSnapshot crash(ClusterSnapshot snapshot, String node, int seconds) {
        var status = snapshot.observed("svc").get("bus").get(node);
        return snapshot.toBuilder().now(snapshot.now().plus(Duration.ofSeconds(seconds)))
                .observed(node, "svc", "bus", new io.drover.api.state.ProcessStatus(ProcessState.EXITED, null,
                        status.startTime(), snapshot.now(), 9, false, null, status.assignmentRevision(), snapshot.now()))
                .build();
    }

    @Test
    void theApplicationStateFollowsTheRestart() {
        Convergence running = running(RunningFailureStrategy.RESTART_APPLICATION);
        assertEquals(ApplicationState.RUNNING, running.snapshot.status("svc").orElseThrow().state());
    }
}
