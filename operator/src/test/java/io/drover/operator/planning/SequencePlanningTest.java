package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.T0;
import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.puts;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Distribution;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Start sequences through the planner: stages, wait_exit, deadlines, starting failure strategies, application order. */
class SequencePlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    /** db (stage 1, required), check (stage 2, wait_exit, required), web + worker (stage 3), tool (stage 0). */
    private static ApplicationDefinition shop(StartingFailureStrategy onFailure) {
        return app("shop", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, onFailure,
                program("db", 1, 10).required(true).build(),
                program("check", 2, 0).required(true).waitExit(true).startSecs(0).build(),
                program("web", 3, 10).required(true).build(),
                program("worker", 3, 10).build(),
                program("tool", 0, 0).build()));
    }

    private static ClusterSnapshot fresh(ApplicationDefinition app) {
        return cluster(node("n1"), node("n2")).application(app).build();
    }

    @Test
    void requestsOneStageAtATimeAndNeverStartSequenceZero() {
        ApplicationDefinition shop = shop(StartingFailureStrategy.ABORT);
        Agents agents = new Agents().with("shop", "check", Agents.Behaviour.EXIT_EXPECTED);
        ClusterSnapshot snapshot = fresh(shop);
        Plan first = planner.plan("shop", snapshot);
        assertEquals(List.of("n1 db RUNNING autostart"), puts(first));

        snapshot = agents.act(AppliedPlan.apply(snapshot, first));
        Plan second = planner.plan("shop", snapshot);
        assertEquals(List.of("n1 check RUNNING autostart"), puts(second));

        snapshot = agents.act(AppliedPlan.apply(snapshot, second));
        Plan third = planner.plan("shop", snapshot);
        assertEquals(List.of("n1 web RUNNING autostart", "n1 worker RUNNING autostart"), puts(third));

        Convergence done = Convergence.run(AppliedPlan.apply(snapshot, third), planner, agents, 10);
        assertEquals("TRUE Started: run 'autostart': start sequence complete", condition(done.snapshot, "shop", "Sequence"));
        assertTrue(done.snapshot.assignments("shop").get("tool") == null, "start_sequence 0 is never started");
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("shop").orElseThrow().state());
    }

    @Test
    void waitExitWaitsForAnExpectedExitOnly() {
        ApplicationDefinition shop = shop(StartingFailureStrategy.ABORT);
        Convergence running = Convergence.run(fresh(shop), planner, new Agents(), 10);
        assertEquals("FALSE Starting: run 'autostart': stage 2 of [1,2,3]: waiting for check",
                condition(running.snapshot, "shop", "Sequence"), "a wait_exit program RUNNING is not done");
        Convergence failed = Convergence.run(fresh(shop), planner,
                new Agents().with("shop", "check", Agents.Behaviour.EXIT_UNEXPECTED), 10);
        assertEquals("TRUE StartAborted: run 'autostart': start aborted at stage 2 (ABORT): required check "
                + "(exited with an unexpected code on n1)", condition(failed.snapshot, "shop", "Sequence"));
    }

    @Test
    void aWaitExitThatNeverExitsFailsAtItsDeadline() {
        ApplicationDefinition shop = shop(StartingFailureStrategy.ABORT);
        Convergence waiting = Convergence.run(fresh(shop), planner, new Agents(), 10);
        assertTrue(planner.plan("shop", waiting.snapshot).isEmpty(), "nothing to do until the deadline");
        Instant deadline = T0.plus(io.drover.operator.sequencing.DeadlinePolicy.defaults().startBudget(0, 3, true));
        Plan requestingCheck = waiting.plans.stream().filter(p -> puts(p).contains("n1 check RUNNING autostart")).findFirst().orElseThrow();
        assertEquals(deadline, requestingCheck.recheckAt().orElseThrow(), "the plan says when to look again");

        ClusterSnapshot late = waiting.snapshot.toBuilder().now(deadline.plusSeconds(1)).build();
        Plan plan = planner.plan("shop", late);
        ClusterSnapshot after = AppliedPlan.apply(late, plan);
        assertEquals("TRUE StartAborted: run 'autostart': start aborted at stage 2 (ABORT): required check "
                + "(did not exit before the deadline (wait_exit) on n1)", condition(after, "shop", "Sequence"));
        assertTrue(after.status("shop").orElseThrow().majorFailure());
        assertTrue(puts(plan).isEmpty(), "ABORT leaves what runs running and starts nothing more");
    }

    static Stream<Arguments> startingFailureStrategies() {
        return Stream.of(
                Arguments.of(StartingFailureStrategy.ABORT, "TRUE StartAborted", List.of("n1 db RUNNING autostart")),
                Arguments.of(StartingFailureStrategy.STOP, "TRUE StoppedAfterStartFailure", List.of("n1 db STOPPED autostart")),
                Arguments.of(StartingFailureStrategy.CONTINUE, "TRUE StartedWithRequiredFailures",
                        List.of("n1 db RUNNING autostart", "n1 web RUNNING autostart", "n1 worker RUNNING autostart")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startingFailureStrategies")
    void aRequiredFailureAppliesTheStartingFailureStrategy(StartingFailureStrategy strategy, String outcome,
                                                            List<String> finalAssignments) {
        ApplicationDefinition shop = shop(strategy);
        Convergence done = Convergence.run(fresh(shop), planner,
                new Agents().with("shop", "check", Agents.Behaviour.FATAL), 10);
        String sequence = condition(done.snapshot, "shop", "Sequence");
        assertTrue(sequence.startsWith(outcome), sequence);
        List<String> assignments = done.snapshot.assignments("shop").values().stream()
                .flatMap(m -> m.values().stream()).filter(r -> !r.process().equals("check"))
                .map(r -> r.node() + " " + r.process() + " " + r.assignment().desired() + " " + r.assignment().requestId())
                .sorted().toList();
        assertEquals(finalAssignments, assignments);
        ApplicationStatus status = done.snapshot.status("shop").orElseThrow();
        assertTrue(status.majorFailure(), "a required process failed");
        assertEquals(strategy == StartingFailureStrategy.STOP ? ApplicationState.STOPPED : ApplicationState.RUNNING, status.state());
    }

    @ParameterizedTest
    @EnumSource(StartingFailureStrategy.class)
    void aNonRequiredFailureNeverStopsTheSequence(StartingFailureStrategy strategy) {
        ApplicationDefinition app = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, strategy,
                program("optional", 1, 0).build(), program("main", 2, 0).required(true).build()));
        Convergence done = Convergence.run(fresh(app), planner, new Agents().with("svc", "optional", Agents.Behaviour.FATAL), 10);
        assertEquals("TRUE StartedWithFailures: run 'autostart': start sequence complete; failed: optional (FATAL on n1: spawn error)",
                condition(done.snapshot, "svc", "Sequence"));
        assertTrue(done.snapshot.status("svc").orElseThrow().minorFailure());
    }

    @Test
    void aProcessThatCannotBePlacedIsAStartFailure() {
        ApplicationDefinition app = app("big", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("small", 1, 60).required(true).build(),
                program("huge", 1, 60).required(true).build(), program("later", 2, 1).build()));
        Convergence done = Convergence.run(cluster(node("n1")).application(app).build(), planner, new Agents(), 10);
        assertEquals("TRUE StartAborted: run 'autostart': start aborted at stage 1 (ABORT): required huge "
                + "(not placed: no node can hold load 60)", condition(done.snapshot, "big", "Sequence"));
        assertEquals("FALSE NoResource: huge: no node can hold load 60", condition(done.snapshot, "big", "Placed"));
        assertTrue(done.snapshot.status("big").orElseThrow().majorFailure());
        assertTrue(done.plans.stream().flatMap(p -> p.events().stream()).anyMatch(e -> e.event().message()
                .equals("cannot place big:huge: no node can hold load 60 (n1 60/100 (full))")));
    }

    @Test
    void applicationsStartByRankEachWaitingForLowerRanksToSettle() {
        ApplicationDefinition bus = app("bus", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("bus", 1, 0).build()));
        ApplicationDefinition srvA = app("srv_a", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 2,
                StartingFailureStrategy.ABORT, program("srv", 1, 0).build()));
        ApplicationDefinition srvB = app("srv_b", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 2,
                StartingFailureStrategy.ABORT, program("srv", 1, 0).build()));
        ApplicationDefinition hci = app("hci", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 3,
                StartingFailureStrategy.ABORT, program("hci", 1, 0).build()));
        ClusterSnapshot snapshot = cluster(node("n1")).application(bus).application(srvA).application(srvB).application(hci).build();

        assertEquals(List.of("bus"), List.copyOf(planner.applicationsAllowedToStart(snapshot)));
        assertTrue(puts(planner.plan("srv_a", snapshot)).isEmpty());
        assertEquals("FALSE WaitingForOrder: automatic start waits for the applications of lower start_sequence, bus first",
                condition(AppliedPlan.apply(snapshot, planner.plan("srv_a", snapshot)), "srv_a", "Sequence"));

        snapshot = AppliedPlan.apply(snapshot, planner.plan("bus", snapshot));
        assertEquals(List.of("bus"), List.copyOf(planner.applicationsAllowedToStart(snapshot)), "bus is starting");
        snapshot = new Agents().act(snapshot);
        assertEquals(List.of("bus", "srv_a", "srv_b"), List.copyOf(planner.applicationsAllowedToStart(snapshot)),
                "bus is RUNNING: rank 2 starts, both of its applications together");
        Convergence done = Convergence.run(snapshot, planner, new Agents(), 10);
        assertEquals(List.of("bus", "srv_a", "srv_b", "hci"), List.copyOf(planner.applicationsAllowedToStart(done.snapshot)));
        assertEquals(ProcessState.RUNNING, done.snapshot.observed("hci").get("hci").get("n1").state());
    }

    @Test
    void aFailedLowerRankDoesNotBlockHigherRanks() {
        ApplicationDefinition bus = app("bus", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("bus", 1, 80).required(true).build()));
        ApplicationDefinition srv = app("srv", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 2,
                StartingFailureStrategy.ABORT, program("srv", 1, 0).build()));
        Convergence done = Convergence.run(cluster(node("n1", "h1", 50)).application(bus).application(srv).build(), planner,
                new Agents(), 10);
        assertTrue(condition(done.snapshot, "bus", "Sequence").startsWith("TRUE StartAborted"));
        assertEquals("TRUE Started: run 'autostart': start sequence complete", condition(done.snapshot, "srv", "Sequence"));
    }

    @Test
    void aStageTimeoutOverridesTheComputedDeadline() {
        ApplicationPlanner impatient = new ApplicationPlanner(PlannerSettings.defaults()
                .withDeadlines(io.drover.operator.sequencing.DeadlinePolicy.defaults().withStageTimeout(Duration.ofSeconds(5))));
        ApplicationDefinition shop = shop(StartingFailureStrategy.ABORT);
        Convergence stuck = Convergence.run(fresh(shop), impatient, new Agents().with("shop", "db", Agents.Behaviour.STUCK_STARTING), 10);
        assertEquals("FALSE Starting: run 'autostart': stage 1 of [1,2,3]: waiting for db", condition(stuck.snapshot, "shop", "Sequence"));
        Convergence late = Convergence.run(stuck.snapshot.toBuilder().now(T0.plusSeconds(6)).build(), impatient, new Agents(), 10);
        assertEquals("TRUE StartAborted: run 'autostart': start aborted at stage 1 (ABORT): required db "
                + "(still STARTING on n1 at the start deadline)", condition(late.snapshot, "shop", "Sequence"));
    }

    @Test
    void theRecheckTimeIsTheEarliestDeadlineOfTheStage() {
        ApplicationDefinition shop = shop(StartingFailureStrategy.ABORT);
        Plan first = planner.plan("shop", fresh(shop));
        assertEquals(T0.plus(Duration.ofSeconds(40)), first.recheckAt().orElseThrow(), "db: 4 x 1 s + 6 s back-off + 30 s");
        assertEquals(DesiredState.RUNNING, first.puts().get(0).assignment().desired());
    }
}
