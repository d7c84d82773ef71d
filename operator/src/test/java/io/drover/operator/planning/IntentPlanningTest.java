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
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User requests: start (with strategy and node), refused start, stop by stop sequence, restart, no automatic start after a stop. */
class IntentPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    /** A manual SINGLE_INSTANCE application (start_sequence 0) on consoles: bus (1), view + control (2). */
    private static ApplicationDefinition hci() {
        return app("hci_01", new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("console_1", "console_2"), 0, null,
                StartingStrategy.LOCAL, StartingFailureStrategy.CONTINUE, null, null, List.of(
                program("bus", 1, 2).stopSequence(1).build(),
                program("view", 2, 8).stopSequence(2).build(),
                program("control", 2, 8).stopSequence(2).build())));
    }

    private static ClusterSnapshot.Builder consoles() {
        return cluster(node("server_1"), node("console_1"), node("console_2")).application(hci());
    }

    @Test
    void aManualApplicationStartsOnRequestOnTheNodeAsked() {
        ClusterSnapshot idle = consoles().build();
        assertTrue(puts(planner.plan("hci_01", idle)).isEmpty(), "start_sequence 0: never started automatically");
        ClusterSnapshot asked = consoles().intent("hci_01", Fixtures.start("r1", StartingStrategy.LOCAL, "console_2")).build();
        Convergence done = Convergence.run(asked, planner, new Agents(), 10);
        assertEquals("TRUE Accepted: request 'r1' accepted: start with LOCAL on console_2", condition(done.snapshot, "hci_01", "Request"));
        assertEquals(java.util.Map.of("bus", "console_2", "view", "console_2", "control", "console_2"),
                done.snapshot.status("hci_01").orElseThrow().placement());
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("hci_01").orElseThrow().state());
    }

    @Test
    void localOnANodeThatIsNotACandidateFails() {
        ClusterSnapshot asked = consoles().intent("hci_01", Fixtures.start("r1", StartingStrategy.LOCAL, "server_1")).build();
        Convergence done = Convergence.run(asked, planner, new Agents(), 10);
        assertEquals("FALSE NoResource: bus: node server_1 is not a candidate; view: node server_1 is not a candidate;"
                + " control: node server_1 is not a candidate", condition(done.snapshot, "hci_01", "Placed"),
                "CONTINUE: every stage is tried");
        assertTrue(done.snapshot.assignments("hci_01").isEmpty());
    }

    @Test
    void startingARunningApplicationIsRefusedWithTheReason() {
        Convergence running = Convergence.run(consoles().intent("hci_01",
                Fixtures.start("r1", StartingStrategy.LOCAL, "console_1")).build(), planner, new Agents(), 10);
        ClusterSnapshot again = running.snapshot.toBuilder()
                .intent("hci_01", Fixtures.start("r2", StartingStrategy.LOCAL, "console_2")).build();
        Plan plan = planner.plan("hci_01", again);
        assertTrue(plan.puts().isEmpty(), "nothing moves");
        ClusterSnapshot after = AppliedPlan.apply(again, plan);
        assertEquals("FALSE Refused: request 'r2' refused: application is RUNNING; at most one instance of an application"
                + " runs: stop or restart it instead", condition(after, "hci_01", "Request"));
        assertTrue(plan.events().stream().anyMatch(e -> e.event().type() == EventType.WARNING && e.event().reason().equals("Refused")));
        assertTrue(planner.plan("hci_01", after).isEmpty(), "refused once, not again");
        assertEquals("TRUE Started: run 'r1': start sequence complete", condition(after, "hci_01", "Sequence"));
    }

    @Test
    void stopFollowsTheStopSequenceGreatestFirst() {
        Convergence running = Convergence.run(consoles().intent("hci_01",
                Fixtures.start("r1", StartingStrategy.LOCAL, "console_1")).build(), planner, new Agents(), 10);
        ClusterSnapshot stopping = running.snapshot.toBuilder().intent("hci_01", Fixtures.stop("s1")).build();
        Plan first = planner.plan("hci_01", stopping);
        assertEquals(List.of("console_1 view STOPPED s1", "console_1 control STOPPED s1"), puts(first));
        ClusterSnapshot next = new Agents().act(AppliedPlan.apply(stopping, first));
        Plan second = planner.plan("hci_01", next);
        assertEquals(List.of("console_1 bus STOPPED s1"), puts(second));
        Convergence done = Convergence.run(AppliedPlan.apply(next, second), planner, new Agents(), 10);
        assertEquals("TRUE Stopped: run 's1': stopped", condition(done.snapshot, "hci_01", "Sequence"));
        assertEquals(ApplicationState.STOPPED, done.snapshot.status("hci_01").orElseThrow().state());
    }

    @Test
    void anApplicationStoppedByTheUserIsNotStartedAutomaticallyAgain() {
        ApplicationDefinition auto = app("auto", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("p", 1, 0).build()));
        Convergence running = Convergence.run(cluster(node("n1")).application(auto).build(), planner, new Agents(), 10);
        Convergence stopped = Convergence.run(running.snapshot.toBuilder().intent("auto", Fixtures.stop("s1")).build(),
                planner, new Agents(), 10);
        assertEquals(ApplicationState.STOPPED, stopped.snapshot.status("auto").orElseThrow().state());
        assertTrue(planner.plan("auto", stopped.snapshot.toBuilder().epoch(9).build()).isEmpty(),
                "a new leader does not start it either");
        assertTrue(new ApplicationPlanner().applicationsAllowedToStart(stopped.snapshot).isEmpty());
    }

    @Test
    void restartStopsByStopSequenceThenStartsBySequence() {
        Convergence running = Convergence.run(consoles().intent("hci_01",
                Fixtures.start("r1", StartingStrategy.LOCAL, "console_1")).build(), planner, new Agents(), 10);
        ClusterSnapshot restart = running.snapshot.toBuilder().intent("hci_01", Fixtures.restart("r2")).build();
        Plan first = planner.plan("hci_01", restart);
        assertEquals(List.of("console_1 view STOPPED r2/stop", "console_1 control STOPPED r2/stop"), puts(first));
        Convergence done = Convergence.run(AppliedPlan.apply(restart, first), planner, new Agents(), 10);
        List<String> order = done.plans.stream().flatMap(p -> puts(p).stream()).toList();
        assertEquals(List.of("console_1 bus STOPPED r2/stop", "console_1 bus RUNNING r2",
                "console_1 view RUNNING r2", "console_1 control RUNNING r2"), order);
        assertEquals("TRUE Started: run 'r2': start sequence complete", condition(done.snapshot, "hci_01", "Sequence"));
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("hci_01").orElseThrow().state());
    }

    @Test
    void aStartAfterAFailedRunRetriesWhatFailed() {
        ApplicationDefinition app = app("svc", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 0,
                StartingFailureStrategy.ABORT, program("a", 1, 0).required(true).build(), program("b", 2, 0).build()));
        ClusterSnapshot base = cluster(node("n1")).application(app).intent("svc", Fixtures.start("r1")).build();
        Convergence failed = Convergence.run(base, planner, new Agents().with("svc", "a", Agents.Behaviour.FATAL), 10);
        assertTrue(condition(failed.snapshot, "svc", "Sequence").startsWith("TRUE StartAborted"));
        Convergence retried = Convergence.run(failed.snapshot.toBuilder().intent("svc", Fixtures.start("r2")).build(),
                planner, new Agents(), 10);
        assertEquals("TRUE Started: run 'r2': start sequence complete", condition(retried.snapshot, "svc", "Sequence"));
        assertEquals(ApplicationState.RUNNING, retried.snapshot.status("svc").orElseThrow().state());
    }
}
