package io.drover.operator.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every snapshot the planner meets in many scenarios (each round of a control loop, the clock moved past the
 * deadlines too), and every application: planning is deterministic, and planning again once the plan is applied
 * gives an empty plan.
 */
class IdempotenceTest {

    private static final ApplicationPlanner PLANNER = new ApplicationPlanner();

    static Stream<Arguments> scenarios() {
        List<Arguments> scenarios = new ArrayList<>();
        add(scenarios, "scenario 2 automatic start", () -> Scenario2Test.started(PLANNER).seen);
        add(scenarios, "scenario 2 hci start, restart, stop", () -> {
            Convergence started = Scenario2Test.started(PLANNER);
            List<ClusterSnapshot> seen = new ArrayList<>(started.seen);
            Convergence hci = Convergence.run(started.snapshot.toBuilder()
                    .intent("scen2_hci_01", Fixtures.start("r1", StartingStrategy.LOCAL, "console_1")).build(), PLANNER, Scenario2Test.agents(), 20);
            seen.addAll(hci.seen);
            Convergence restart = Convergence.run(hci.snapshot.toBuilder().intent("scen2_hci_01", Fixtures.restart("r2")).build(),
                    PLANNER, Scenario2Test.agents(), 20);
            seen.addAll(restart.seen);
            Convergence refused = Convergence.run(restart.snapshot.toBuilder().intent("scen2_hci_01", Fixtures.start("r3")).build(),
                    PLANNER, Scenario2Test.agents(), 20);
            seen.addAll(refused.seen);
            seen.addAll(Convergence.run(refused.snapshot.toBuilder().intent("scen2_hci_01", Fixtures.stop("s")).build(),
                    PLANNER, Scenario2Test.agents(), 20).seen);
            return seen;
        });
        for (StartingFailureStrategy strategy : StartingFailureStrategy.values()) {
            add(scenarios, "start failure " + strategy, () -> {
                var app = Fixtures.app("svc", Fixtures.spec(io.drover.api.model.Distribution.SINGLE_INSTANCE, StartingStrategy.LESS_LOADED, 1,
                        strategy, Fixtures.program("a", 1, 10).build(), Fixtures.program("b", 2, 10).required(true).build(),
                        Fixtures.program("c", 3, 10).build(), Fixtures.program("d", 3, 95).required(true).build()));
                List<ClusterSnapshot> seen = new ArrayList<>(Convergence.run(Fixtures.cluster(Fixtures.node("n1"), Fixtures.node("n2"))
                        .application(app).build(), PLANNER, new Agents().with("svc", "b", Agents.Behaviour.FATAL), 20).seen);
                seen.addAll(Convergence.run(Fixtures.cluster(Fixtures.node("n1"), Fixtures.node("n2")).application(app).build(),
                        PLANNER, new Agents(), 20).seen);
                return seen;
            });
        }
        add(scenarios, "wait_exit past its deadline", () -> {
            Convergence stuck = Convergence.run(Scenario2.cluster().build(), PLANNER, new Agents(), 30);
            return late(stuck.seen, Duration.ofMinutes(10));
        });
        add(scenarios, "unacknowledged assignments past their deadline", () -> {
            Convergence silent = Convergence.run(Scenario2.cluster().build(), PLANNER,
                    new Agents().withPrefix("scen2_srv_02", "scen2_", Agents.Behaviour.SILENT), 30);
            return late(silent.seen, Duration.ofMinutes(5));
        });
        for (RunningFailureStrategy strategy : RunningFailureStrategy.values()) {
            add(scenarios, "node lost with " + strategy, () -> {
                var app = Fixtures.app("svc", Fixtures.spec(io.drover.api.model.Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                        StartingFailureStrategy.ABORT, Fixtures.program("a", 1, 10).runningFailureStrategy(strategy).build(),
                        Fixtures.program("b", 2, 10).identifiers(List.of("n2")).build()));
                Convergence running = Convergence.run(Fixtures.cluster(Fixtures.node("n1"), Fixtures.node("n2"), Fixtures.node("n3"))
                        .application(app).build(), PLANNER, new Agents(), 10);
                ClusterSnapshot lost = running.snapshot.toBuilder().removeNode("n1").removeObserved("n1", "svc", "a").build();
                List<ClusterSnapshot> seen = new ArrayList<>(running.seen);
                seen.add(lost.toBuilder().nodeLossHandlingAllowed(false).build());
                seen.addAll(Convergence.run(lost, PLANNER, new Agents(), 20).seen);
                return seen;
            });
        }
        add(scenarios, "definition changed then application deleted", () -> {
            Convergence started = Scenario2Test.started(PLANNER);
            List<ClusterSnapshot> seen = new ArrayList<>(started.seen);
            var srv = started.snapshot.application("scen2_srv_01").orElseThrow();
            ClusterSnapshot.Builder changed = started.snapshot.toBuilder();
            Scenario2.applications().stream().filter(a -> a.name().equals("scen2_srv_01")).forEach(a -> changed.application(
                    new ApplicationDefinition(a.name(), 12, a.rules(), a.processes().stream().map(p -> new ProcessDefinition(
                            p.rules(), p.program().toBuilder().command(p.program().command() + " --v2").build(),
                            io.drover.api.model.ProgramSpecHash.of(p.program().toBuilder().command(p.program().command() + " --v2").build()),
                            p.startSecs(), p.startRetries(), p.stopWaitSecs(), p.autostart())).toList())));
            Convergence updated = Convergence.run(changed.build(), PLANNER, Scenario2Test.agents(), 30);
            seen.addAll(updated.seen);
            seen.addAll(Convergence.run(updated.snapshot.toBuilder().removeApplication(srv.name()).build(), PLANNER,
                    Scenario2Test.agents(), 30).seen);
            return seen;
        });
        return scenarios.stream();
    }

    private static void add(List<Arguments> scenarios, String name, Supplier<List<ClusterSnapshot>> snapshots) {
        scenarios.add(Arguments.of(name, snapshots));
    }

    private static List<ClusterSnapshot> late(List<ClusterSnapshot> seen, Duration by) {
        List<ClusterSnapshot> all = new ArrayList<>(seen);
        seen.forEach(s -> all.add(s.toBuilder().now(s.now().plus(by)).build()));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void planningAgainAfterApplyingDoesNothing(String name, Supplier<List<ClusterSnapshot>> snapshots) {
        int checked = 0;
        for (ClusterSnapshot snapshot : snapshots.get()) {
            for (String application : snapshot.applicationNames()) {
                Plan plan = PLANNER.plan(application, snapshot);
                assertEquals(plan, PLANNER.plan(application, snapshot), "deterministic: " + application);
                if (!plan.isEmpty()) {
                    Plan again = PLANNER.plan(application, AppliedPlan.apply(snapshot, plan));
                    assertTrue(again.isEmpty(), name + ", " + application + ": planning again gave " + again.actions()
                            + "\n after " + plan.actions());
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "the scenario exercised the planner");
    }
}
