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

import io.drover.api.model.Distribution;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Automatic starts and the nodes that have not registered yet when a leader is elected. */
class MembershipPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    private static ApplicationDefinition service() {
        return app("srv", spec(Distribution.SINGLE_INSTANCE, StartingStrategy.LESS_LOADED, 1, StartingFailureStrategy.ABORT,
                program("bus", 1, 20).required(true).build(), program("service", 2, 20).build()));
    }

    @Test
    void anAutomaticStartWaitsForTheNodesToRegisterInsteadOfAbortingWithoutThem() {
        ClusterSnapshot nobodyYet = cluster().application(service()).membershipSettled(false).build();
        Plan waiting = planner.plan("srv", nobodyYet);
        assertTrue(waiting.puts().isEmpty());
        ClusterSnapshot afterWaiting = AppliedPlan.apply(nobodyYet, waiting);
        assertEquals(ApplicationState.STOPPED, afterWaiting.status("srv").orElseThrow().state());
        assertTrue(condition(afterWaiting, "srv", "Sequence").contains("WaitingForNodes"),
                condition(afterWaiting, "srv", "Sequence"));

        ClusterSnapshot registered = afterWaiting.toBuilder().node(node("n1")).node(node("n2")).membershipSettled(true).build();
        assertEquals(List.of("n1 bus RUNNING autostart"), puts(planner.plan("srv", registered)));
        Convergence done = Convergence.run(registered, planner, new Agents(), 10);
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("srv").orElseThrow().state());
    }

    @Test
    void onceTheNodesHadTheirTimeAnAutomaticStartWithoutACandidateNodeAbortsAsInSupvisors() {
        ClusterSnapshot settled = cluster().application(service()).build();
        ClusterSnapshot after = AppliedPlan.apply(settled, planner.plan("srv", settled));
        assertTrue(condition(after, "srv", "Sequence").contains("StartAborted"), condition(after, "srv", "Sequence"));
    }
}
