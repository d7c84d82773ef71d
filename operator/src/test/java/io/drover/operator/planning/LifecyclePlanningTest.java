package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.condition;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.puts;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changed definitions, removed processes, deleted applications, unmanaged applications. */
class LifecyclePlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    private static ApplicationSpec layered(String version) {
        return spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT,
                program("db", 1, 0).command("db --v" + version).stopSequence(1).build(),
                program("api", 2, 0).command("api --v" + version).stopSequence(2).build(),
                program("ui", 3, 0).command("ui").stopSequence(3).build());
    }

    private Convergence running(ApplicationSpec spec) {
        return Convergence.run(cluster(node("n1")).application(app("app", spec)).build(), planner, new Agents(), 10);
    }

    @Test
    void aChangedDefinitionRestartsWhatItConcernsInStartOrder() {
        Convergence v1 = running(layered("1"));
        ClusterSnapshot changed = v1.snapshot.toBuilder().application(app("app", layered("2"))).build();
        Plan first = planner.plan("app", changed);
        assertEquals(List.of("n1 db RUNNING autostart"), puts(first), "stage 1 first; ui did not change");
        assertFalse(first.puts().get(0).assignment().specHash().equals(
                v1.snapshot.assignments("app").get("db").get("n1").assignment().specHash()));
        ClusterSnapshot afterFirst = AppliedPlan.apply(changed, first);
        assertTrue(planner.plan("app", afterFirst).isEmpty(), "api waits until db runs its new definition");
        Plan second = planner.plan("app", new Agents().act(afterFirst));
        assertEquals(List.of("n1 api RUNNING autostart"), puts(second));
        Convergence done = Convergence.run(AppliedPlan.apply(new Agents().act(afterFirst), second), planner, new Agents(), 10);
        assertTrue(done.plans.stream().allMatch(p -> p.puts().isEmpty()));
    }

    @Test
    void aProcessRemovedFromTheApplicationIsStoppedThenForgotten() {
        ProgramSpec three = program("w", 1, 0).numprocs(3).processName("%(program_name)s_%(process_num)d").build();
        Convergence v1 = running(spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT, three));
        ProgramSpec two = three.toBuilder().numprocs(2).build();
        ClusterSnapshot shrunk = v1.snapshot.toBuilder().application(app("app", spec(Distribution.ALL_INSTANCES,
                StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT, two))).build();
        Plan stop = planner.plan("app", shrunk);
        assertEquals(List.of("n1 w_2 STOPPED removed"), puts(stop));
        Plan forget = planner.plan("app", new Agents().act(AppliedPlan.apply(shrunk, stop)));
        assertEquals(List.of("w_2"), forget.deletes().stream().map(PlanAction.DeleteAssignment::process).toList());
    }

    @Test
    void aDeletedApplicationIsStoppedThenItsAssignmentsAndStatusAreDeleted() {
        Convergence v1 = running(layered("1"));
        ClusterSnapshot deleted = v1.snapshot.toBuilder().removeApplication("app").build();
        Plan stop = planner.plan("app", deleted);
        assertEquals(3, stop.puts().size(), "without its definition, everything stops at once");
        assertTrue(stop.puts().stream().allMatch(p -> p.assignment().requestId().equals("deleted")));
        Plan forget = planner.plan("app", new Agents().act(AppliedPlan.apply(deleted, stop)));
        assertEquals(3, forget.deletes().size());
        assertTrue(forget.deletesStatus());
        ClusterSnapshot gone = AppliedPlan.apply(new Agents().act(AppliedPlan.apply(deleted, stop)), forget);
        assertTrue(planner.plan("app", gone).isEmpty());
    }

    @Test
    void anUnmanagedApplicationRunsItsAutostartProgramsOnEveryNodeThatDefinesThem() {
        ApplicationDefinition bus = app("common_data_bus", ApplicationSpec.ofPrograms(List.of(
                ProgramSpec.builder("common_data_bus").command("bus").nodes(List.of("server_1", "console_1")).build(),
                ProgramSpec.builder("manual").command("tool").autostart(false).build())));
        assertFalse(bus.managed());
        ClusterSnapshot snapshot = cluster(node("server_1"), node("console_1"), node("other")).application(bus).build();
        Plan plan = planner.plan("common_data_bus", snapshot);
        assertEquals(List.of("console_1 common_data_bus RUNNING autostart", "server_1 common_data_bus RUNNING autostart"),
                puts(plan).stream().sorted().toList());
        Convergence done = Convergence.run(AppliedPlan.apply(snapshot, plan), planner, new Agents(), 10);
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("common_data_bus").orElseThrow().state());
        assertFalse(done.snapshot.status("common_data_bus").orElseThrow().majorFailure());

        Convergence stopped = Convergence.run(done.snapshot.toBuilder().intent("common_data_bus", Fixtures.stop("s")).build(),
                planner, new Agents(), 10);
        assertEquals(ApplicationState.STOPPED, stopped.snapshot.status("common_data_bus").orElseThrow().state());
        Convergence started = Convergence.run(stopped.snapshot.toBuilder().intent("common_data_bus", Fixtures.start("r")).build(),
                planner, new Agents(), 10);
        assertEquals(ApplicationState.RUNNING, started.snapshot.status("common_data_bus").orElseThrow().state());
        assertEquals("TRUE Accepted: request 'r' accepted: start", condition(started.snapshot, "common_data_bus", "Request"));
    }
}
