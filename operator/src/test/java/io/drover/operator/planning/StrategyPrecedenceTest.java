package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Supvisors' precedence among the running failure strategies of one application's processes, for both triggers:
 * STOP_APPLICATION over RESTART_APPLICATION over RESTART_PROCESS over CONTINUE (SHUTDOWN and RESTART, acting on the
 * whole system, come first on a crash and do nothing on a node loss).
 */
class StrategyPrecedenceTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    /** Programs a and b, both on n1, with strategies {@code first} and {@code second}. */
    private ClusterSnapshot running(RunningFailureStrategy first, RunningFailureStrategy second) {
        ApplicationDefinition svc = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("a", 1, 0).identifiers(List.of("n1", "n2")).runningFailureStrategy(first).build(),
                program("b", 1, 0).identifiers(List.of("n1", "n2")).runningFailureStrategy(second).build(),
                program("c", 1, 0).identifiers(List.of("n2")).build()));
        return Convergence.run(cluster(node("n1"), node("n2")).application(svc).build(), planner, new Agents(), 10).snapshot;
    }

    private static ClusterSnapshot bothCrash(ClusterSnapshot snapshot) {
        ClusterSnapshot later = snapshot.toBuilder().now(snapshot.now().plus(Duration.ofMinutes(30))).build();
        ClusterSnapshot.Builder builder = later.toBuilder();
        for (String process : List.of("a", "b")) {
            ProcessStatus status = snapshot.observed("svc").get(process).get("n1");
            builder.observed("n1", "svc", process, new ProcessStatus(ProcessState.EXITED, null, status.startTime(),
                    later.now(), 9, false, null, status.assignmentRevision(), later.now()));
        }
        return builder.build();
    }

    private static ClusterSnapshot n1Lost(ClusterSnapshot snapshot) {
        return snapshot.toBuilder().now(snapshot.now().plus(Duration.ofMinutes(30))).removeNode("n1")
                .removeObserved("n1", "svc", "a").removeObserved("n1", "svc", "b").nodeLossHandlingAllowed(true).build();
    }

    /** What the first plan after the trigger does, in words. */
    private String outcome(ClusterSnapshot before, ClusterSnapshot after) {
        Plan plan = planner.plan("svc", after);
        if (plan.actions().stream().anyMatch(PlanAction.WriteSystemRequest.class::isInstance)) {
            return "SYSTEM";
        }
        String sequence = condition(AppliedPlan.apply(after, plan), "svc", "Sequence");
        if (sequence.contains("StoppedOnFailure")) {
            return "STOP_APPLICATION";
        }
        if (sequence.contains("autostart~1") || sequence.contains("RESTART_APPLICATION")) {
            return "RESTART_APPLICATION";
        }
        if (plan.puts().stream().anyMatch(p -> p.node().equals("n2")
                && p.assignment().desired() == io.drover.api.state.DesiredState.RUNNING)) {
            return "RESTART_PROCESS";
        }
        assertTrue(plan.puts().isEmpty(), plan.toString());
        return "CONTINUE";
    }

    @ParameterizedTest(name = "crash of {0} and {1} -> {2}")
    @CsvSource({
            "STOP_APPLICATION, RESTART_APPLICATION, STOP_APPLICATION",
            "RESTART_APPLICATION, STOP_APPLICATION, STOP_APPLICATION",
            "RESTART_APPLICATION, RESTART_PROCESS, RESTART_APPLICATION",
            "RESTART_PROCESS, CONTINUE, CONTINUE",
            "CONTINUE, CONTINUE, CONTINUE",
            "SHUTDOWN, STOP_APPLICATION, SYSTEM",
            "RESTART, RESTART_APPLICATION, SYSTEM"})
    void onACrash(RunningFailureStrategy first, RunningFailureStrategy second, String expected) {
        ClusterSnapshot running = running(first, second);
        assertEquals(expected, outcome(running, bothCrash(running)));
    }

    @ParameterizedTest(name = "loss of the node of {0} and {1} -> {2}")
    @CsvSource({
            "STOP_APPLICATION, RESTART_APPLICATION, STOP_APPLICATION",
            "RESTART_APPLICATION, RESTART_PROCESS, RESTART_APPLICATION",
            "RESTART_PROCESS, CONTINUE, RESTART_PROCESS",
            "CONTINUE, CONTINUE, CONTINUE",
            "SHUTDOWN, RESTART, CONTINUE"})
    void onANodeLoss(RunningFailureStrategy first, RunningFailureStrategy second, String expected) {
        ClusterSnapshot running = running(first, second);
        assertEquals(expected, outcome(running, n1Lost(running)));
    }
}
