package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ConciliationRequest;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Duplicates after a partition heals: the bus ran on n1, n1 was lost and the bus restarted on n2, then n1 came back
 * with its old copy still running. Each conciliation strategy, and what is left running once it acted.
 */
class ConciliationPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    private static ApplicationDefinition service(ConciliationStrategy strategy, RunningFailureStrategy onFailure) {
        return app("svc", new ApplicationSpec(Distribution.ALL_INSTANCES, null, 1, null, StartingStrategy.CONFIG,
                StartingFailureStrategy.ABORT, null, null, strategy, null, null,
                List.of(program("bus", 1, 0).runningFailureStrategy(onFailure).build())));
    }

    /** The bus moved from n1 (lost) to n2; n1 is back, its copy started long before the one on n2. */
    private ClusterSnapshot healed(ConciliationStrategy strategy, RunningFailureStrategy onFailure) {
        ClusterSnapshot running = Convergence.run(cluster(node("n1"), node("n2")).application(service(strategy, onFailure))
                .build(), planner, new Agents(), 10).snapshot;
        ProcessStatus oldCopy = running.observed("svc").get("bus").get("n1");
        ClusterSnapshot lost = running.toBuilder().removeNode("n1").removeObserved("n1", "svc", "bus")
                .nodeLossHandlingAllowed(true).now(running.now().plus(Duration.ofMinutes(5))).build();
        ClusterSnapshot moved = Convergence.run(lost, planner, new Agents(), 10).snapshot;
        assertEquals(Set.of("n2"), runningOn(moved));
        return moved.toBuilder().node(node("n1")).observed("n1", "svc", "bus", oldCopy).build();
    }

    private static Set<String> runningOn(ClusterSnapshot snapshot) {
        Set<String> nodes = new TreeSet<>();
        snapshot.observed("svc").getOrDefault("bus", Map.of()).forEach((node, status) -> {
            if (status.state().isRunning() && snapshot.isAlive(node)) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    private static Instant startedOn(ClusterSnapshot snapshot, String node) {
        return snapshot.observed("svc").get("bus").get(node).startTime();
    }

    @Test
    void userLeavesBothCopiesRunningAndReportsThemWithTheirStartTimes() {
        ClusterSnapshot healed = healed(ConciliationStrategy.USER, RunningFailureStrategy.RESTART_PROCESS);
        Convergence after = Convergence.run(healed, planner, new Agents(), 10);
        assertEquals(Set.of("n1", "n2"), runningOn(after.snapshot));
        String conflict = condition(after.snapshot, "svc", "Conflict");
        assertTrue(conflict.startsWith("TRUE Conflict: running on several nodes, left for the user to conciliate: bus (n1 started "
                + startedOn(healed, "n1") + ", n2 started " + startedOn(healed, "n2") + ")"), conflict);
        assertTrue(after.plans.stream().allMatch(p -> p.puts().isEmpty()), "nothing is stopped without the user");
    }

    @Test
    void aUserDecisionKeepsTheCopyChosenOrAppliesTheStrategyChosen() {
        ClusterSnapshot healed = healed(ConciliationStrategy.USER, RunningFailureStrategy.RESTART_PROCESS);
        ClusterSnapshot keepN1 = healed.toBuilder().intent("svc", Intent.conciliationOnly(new ConciliationRequest(
                Map.of("bus", "n1"), null, "c-1", healed.now()))).build();
        assertEquals(Set.of("n1"), runningOn(Convergence.run(keepN1, planner, new Agents(), 10).snapshot));

        ClusterSnapshot senicide = healed.toBuilder().intent("svc", Intent.conciliationOnly(new ConciliationRequest(
                Map.of(), ConciliationStrategy.SENICIDE, "c-2", healed.now()))).build();
        assertEquals(Set.of("n2"), runningOn(Convergence.run(senicide, planner, new Agents(), 10).snapshot));

        ClusterSnapshot tooEarly = healed.toBuilder().intent("svc", Intent.conciliationOnly(new ConciliationRequest(
                Map.of(), ConciliationStrategy.STOP, "c-3", startedOn(healed, "n2").minusSeconds(1)))).build();
        assertEquals(Set.of("n1", "n2"), runningOn(Convergence.run(tooEarly, planner, new Agents(), 10).snapshot),
                "a decision made before a copy started is not about it");
    }

    @Test
    void senicideKeepsTheYoungestCopy() {
        ClusterSnapshot healed = healed(ConciliationStrategy.SENICIDE, RunningFailureStrategy.RESTART_PROCESS);
        assertEquals(DesiredState.STOPPED, healed.assignments("svc").get("bus").get("n1").assignment().desired(),
                "with SENICIDE the copy left on the lost node is withdrawn at once");
        Convergence after = Convergence.run(healed, planner, new Agents(), 10);
        assertEquals(Set.of("n2"), runningOn(after.snapshot));
        assertTrue(condition(after.snapshot, "svc", "Conflict").startsWith("FALSE NoConflict"));
    }

    @Test
    void infanticideKeepsTheOldestCopyAndMakesItTheAssignedOne() {
        ClusterSnapshot healed = healed(ConciliationStrategy.INFANTICIDE, RunningFailureStrategy.RESTART_PROCESS);
        Plan keep = planner.plan("svc", healed);
        assertEquals(List.of("n1 bus RUNNING autostart~1", "n2 bus STOPPED autostart~1/stop"), Fixtures.puts(keep),
                "the held assignment of the old copy becomes the assigned one; the young copy is stopped");
        Convergence after = Convergence.run(AppliedPlan.apply(healed, keep), planner, new Agents(), 10);
        assertEquals(Set.of("n1"), runningOn(after.snapshot));
        assertTrue(after.snapshot.assignments("svc").get("bus").get("n1").assignment().startsOnNode());
        assertEquals("n1", after.snapshot.status("svc").orElseThrow().placement().get("bus"));
    }

    @Test
    void aCopyComingBackBeforeTheRestartElsewhereIsOverIsStillLeftToItsStrategy() {
        ClusterSnapshot running = Convergence.run(cluster(node("n1"), node("n2")).application(service(
                ConciliationStrategy.STOP, RunningFailureStrategy.RESTART_PROCESS)).build(), planner, new Agents(), 10).snapshot;
        ProcessStatus oldCopy = running.observed("svc").get("bus").get("n1");
        ClusterSnapshot lost = running.toBuilder().removeNode("n1").removeObserved("n1", "svc", "bus")
                .nodeLossHandlingAllowed(true).now(running.now().plus(Duration.ofMinutes(5))).build();
        ClusterSnapshot mid = new Agents().act(AppliedPlan.apply(lost, planner.plan("svc", lost)));
        assertEquals(Set.of("n2"), runningOn(mid), "the restart on n2 runs, its sequence not recorded over yet");
        ClusterSnapshot back = mid.toBuilder().node(node("n1")).observed("n1", "svc", "bus", oldCopy).build();
        Convergence after = Convergence.run(back, planner, new Agents(), 10);
        assertEquals(Set.of(), runningOn(after.snapshot), "STOP, not a withdrawal by the restart, decided");
    }

    @Test
    void stopStopsEveryCopy() {
        ClusterSnapshot healed = healed(ConciliationStrategy.STOP, RunningFailureStrategy.RESTART_PROCESS);
        Convergence after = Convergence.run(healed, planner, new Agents(), 10);
        assertEquals(Set.of(), runningOn(after.snapshot));
        assertTrue(condition(after.snapshot, "svc", "Conflict").startsWith("FALSE NoConflict"));
    }

    @ParameterizedTest
    @EnumSource(value = ConciliationStrategy.class, names = {"RESTART", "RUNNING_FAILURE"})
    void restartAndRunningFailureWithRestartProcessStopEveryCopyThenStartOne(ConciliationStrategy strategy) {
        ClusterSnapshot healed = healed(strategy, RunningFailureStrategy.RESTART_PROCESS);
        Plan stops = planner.plan("svc", healed);
        assertTrue(stops.puts().stream().allMatch(p -> p.assignment().desired() == DesiredState.STOPPED)
                && stops.puts().size() == 2, stops.toString());
        Convergence after = Convergence.run(AppliedPlan.apply(healed, stops), planner, new Agents(), 10);
        Set<String> nodes = runningOn(after.snapshot);
        assertEquals(1, nodes.size(), "started once: " + nodes);
        String node = nodes.iterator().next();
        assertTrue(startedOn(after.snapshot, node).isAfter(startedOn(healed, "n2").minusNanos(1))
                && after.snapshot.observed("svc").get("bus").get(node).assignmentRevision()
                > healed.observed("svc").get("bus").get("n2").assignmentRevision(), "a new copy");
        assertEquals(ApplicationState.RUNNING, after.snapshot.status("svc").orElseThrow().state());
    }

    @Test
    void runningFailureWithStopApplicationStopsTheApplication() {
        ClusterSnapshot running = Convergence.run(cluster(node("n1"), node("n2")).application(service(
                ConciliationStrategy.RUNNING_FAILURE, RunningFailureStrategy.STOP_APPLICATION)).build(), planner, new Agents(), 10)
                .snapshot;
        // someone started a second copy by hand on n2 (or an agent adopted an old one)
        ClusterSnapshot duplicated = running.toBuilder().observed("n2", "svc", "bus", new ProcessStatus(ProcessState.RUNNING,
                200L, running.now(), null, null, false, null, 0, running.now())).build();
        assertEquals(Set.of("n1", "n2"), runningOn(duplicated));
        Convergence after = Convergence.run(duplicated, planner, new Agents(), 10);
        assertEquals(Set.of(), runningOn(after.snapshot));
        assertEquals(ApplicationState.STOPPED, after.snapshot.status("svc").orElseThrow().state());
        assertTrue(condition(after.snapshot, "svc", "Sequence").contains("StoppedOnFailure"),
                condition(after.snapshot, "svc", "Sequence"));
    }

    /** A SINGLE_INSTANCE application whose b was started by hand on n2 (its own copy on n1 exited normally). */
    private ClusterSnapshot spread(ConciliationStrategy strategy) {
        ApplicationDefinition single = app("svc", new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("n1", "n2"), 1,
                null, StartingStrategy.CONFIG, StartingFailureStrategy.ABORT, null, null, strategy, null, null,
                List.of(program("a", 1, 0).build(), program("b", 1, 0).build())));
        ClusterSnapshot running = Convergence.run(cluster(node("n1"), node("n2")).application(single).build(), planner,
                new Agents(), 10).snapshot;
        ProcessStatus b = running.observed("svc").get("b").get("n1");
        Instant later = running.now().plusSeconds(60);
        return running.toBuilder().now(later.plusSeconds(1))
                .observed("n1", "svc", "b", new ProcessStatus(ProcessState.EXITED, null, b.startTime(), later, 0, true, null,
                        b.assignmentRevision(), later))
                .observed("n2", "svc", "b", new ProcessStatus(ProcessState.RUNNING, 4242L, later, null, null, false, null, 0,
                        later)).build();
    }

    private static Set<String> nodesRunning(ClusterSnapshot snapshot) {
        Set<String> nodes = new TreeSet<>();
        snapshot.observed("svc").forEach((process, byNode) -> byNode.forEach((node, status) -> {
            if (status.state().isRunning()) {
                nodes.add(node);
            }
        }));
        return nodes;
    }

    @Test
    void aSingleInstanceApplicationSpreadOverTwoNodesIsReportedAndBroughtBackToOne() {
        ClusterSnapshot user = spread(ConciliationStrategy.USER);
        Convergence reported = Convergence.run(user, planner, new Agents(), 10);
        assertEquals(Set.of("n1", "n2"), nodesRunning(reported.snapshot));
        String conflict = condition(reported.snapshot, "svc", "Conflict");
        assertTrue(conflict.startsWith("TRUE Spread: a SINGLE_INSTANCE application running on [n1, n2], left for the user"
                + " to conciliate: n1 runs a; n2 runs b"), conflict);

        Convergence senicide = Convergence.run(spread(ConciliationStrategy.SENICIDE), planner, new Agents(), 10);
        assertEquals(Set.of("n2"), nodesRunning(senicide.snapshot), "the youngest copy's node keeps the application");
        assertTrue(senicide.snapshot.observed("svc").get("a").get("n2").state().isRunning());

        Convergence infanticide = Convergence.run(spread(ConciliationStrategy.INFANTICIDE), planner, new Agents(), 10);
        assertEquals(Set.of("n1"), nodesRunning(infanticide.snapshot), "the oldest copy's node keeps the application");

        Convergence stop = Convergence.run(spread(ConciliationStrategy.STOP), planner, new Agents(), 10);
        assertEquals(Set.of(), nodesRunning(stop.snapshot));

        Convergence restart = Convergence.run(spread(ConciliationStrategy.RESTART), planner, new Agents(), 10);
        assertEquals(1, nodesRunning(restart.snapshot).size(), "started again on one node: " + nodesRunning(restart.snapshot));
        assertTrue(condition(restart.snapshot, "svc", "Conflict").startsWith("FALSE NoConflict"));
    }

    @Test
    void aNodeThatComesBackWithoutItsCopyStartsNothingAndItsHoldIsReleased() {
        ClusterSnapshot healed = healed(ConciliationStrategy.USER, RunningFailureStrategy.RESTART_PROCESS);
        ClusterSnapshot rebooted = healed.toBuilder().removeObserved("n1", "svc", "bus").build();
        Convergence after = Convergence.run(rebooted, planner, new Agents(), 10);
        assertEquals(Set.of("n2"), runningOn(after.snapshot));
        assertFalse(after.snapshot.assignments("svc").get("bus").containsKey("n1"), "the hold is released: deleted");
    }
}
