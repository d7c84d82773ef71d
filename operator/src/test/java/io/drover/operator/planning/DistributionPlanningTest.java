package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static io.drover.operator.planning.Fixtures.puts;
import static io.drover.operator.planning.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.DesiredState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placement through the planner: distributions, strategies, definitions, capacity, loads across applications. */
class DistributionPlanningTest {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    @ParameterizedTest(name = "{0}: four processes of 30 on two nodes -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CONFIG           | n1 n1 n1 n2
            LESS_LOADED      | n1 n2 n1 n2
            MOST_LOADED      | n2 n2 n2 n1
            LESS_LOADED_NODE | n1 n2 n1 n2
            MOST_LOADED_NODE | n2 n2 n2 n1
            """)
    void allInstancesPlacesEachProcessOnItsOwnCountingTheStagesPendingLoad(StartingStrategy strategy, String expected) {
        ApplicationDefinition app = app("farm", spec(Distribution.ALL_INSTANCES, strategy, 1, StartingFailureStrategy.ABORT,
                program("w1", 1, 30).build(), program("w2", 1, 30).build(), program("w3", 1, 30).build(), program("w4", 1, 30).build()));
        Plan plan = planner.plan("farm", cluster(node("n1"), node("n2")).application(app).build());
        assertEquals(expected, String.join(" ", plan.puts().stream().map(PlanAction.PutAssignment::node).toList()));
    }

    @Test
    void aProgramOnlyGoesWhereItIsDefinedAndWhereItsIdentifiersSay() {
        ApplicationDefinition app = app("mix", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1, StartingFailureStrategy.ABORT,
                program("defined_on_n3", 1, 0).nodes(List.of("n3")).build(),
                program("defined_on_label", 1, 0).nodes(List.of("gpu")).build(),
                program("identifiers_n2", 1, 0).identifiers(List.of("n2")).build(),
                program("nowhere", 1, 0).nodes(List.of("n9")).build()));
        Plan plan = planner.plan("mix", cluster(node("n1"), node("n2"), node("n3"), node("n4", "n4", 100, "gpu")).application(app).build());
        assertEquals(List.of("n3 defined_on_n3 RUNNING autostart", "n4 defined_on_label RUNNING autostart",
                "n2 identifiers_n2 RUNNING autostart"), puts(plan));
        ClusterSnapshot after = AppliedPlan.apply(cluster(node("n1")).build(), plan);
        assertTrue(plan.statusWrite().orElseThrow().status().conditions().stream()
                .anyMatch(c -> c.message() != null && c.message().equals("nowhere: no candidate node")));
        assertTrue(after.assignments("mix").get("nowhere") == null);
    }

    @Test
    void singleInstancePutsTheWholeApplicationOnOneNodeThatDefinesEveryProgram() {
        ApplicationDefinition app = app("single", new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("*"), 1, null,
                StartingStrategy.LESS_LOADED, null, null, null, List.of(
                program("a", 1, 20).build(), program("b", 2, 20).nodes(List.of("n2", "n3")).build(), program("c", 0, 50).build())));
        ClusterSnapshot snapshot = cluster(node("n1"), node("n2"), node("n3")).application(app)
                .build();
        ClusterSnapshot busy = busy(snapshot, "n2", 50);
        Convergence done = Convergence.run(busy, planner, new Agents(), 10);
        assertEquals(Map.of("a", "n3", "b", "n3"), done.snapshot.status("single").orElseThrow().placement(),
                "n1 does not define b; n2 is the more loaded of n2 and n3");
    }

    @Test
    void singleInstanceNeedsANodeForTheWholeStartSequencedLoad() {
        ApplicationDefinition app = app("fat", new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("*"), 1, null,
                StartingStrategy.CONFIG, StartingFailureStrategy.ABORT, null, null, List.of(
                program("a", 1, 30).required(true).build(), program("b", 2, 40).build())));
        ClusterSnapshot snapshot = busy(cluster(node("n1"), node("n2")).application(app).build(), "n1", 40);
        Plan plan = planner.plan("fat", snapshot);
        assertEquals(List.of("n2 a RUNNING autostart"), puts(plan), "n1 could hold a (30) but not the application (70)");
        assertTrue(plan.puts().get(0).reason().endsWith("placed fat on n2 by CONFIG: load 70/100; n1 40/100 (full); load 30/100"),
                plan.puts().get(0).reason());
    }

    @Test
    void singleNodeKeepsTheApplicationOnOneHostAndSpreadsOverItsNodes() {
        ApplicationDefinition app = app("host", new ApplicationSpec(Distribution.SINGLE_NODE, List.of("*"), 1, null,
                StartingStrategy.LESS_LOADED, null, null, null, List.of(
                program("a", 1, 60).build(), program("b", 1, 60).build())));
        ClusterSnapshot snapshot = cluster(node("a1", "h1", 100), node("a2", "h1", 100), node("b1", "h2", 100))
                .application(app).build();
        assertEquals(List.of("a1 a RUNNING autostart", "a2 b RUNNING autostart"), puts(planner.plan("host", snapshot)),
                "h2 cannot hold 120; on h1, LESS_LOADED spreads a and b");
    }

    @Test
    void hashSpreadsANumprocsFamilyOverItsList() {
        ProgramSpec family = program("prg", 1, 0).numprocs(5).processName("%(program_name)s_%(process_num)02d")
                .identifiers(List.of("#", "n4", "n2")).build();
        ApplicationDefinition app = app("fam", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, family));
        Plan plan = planner.plan("fam", cluster(node("n1"), node("n2"), node("n3"), node("n4")).application(app).build());
        assertEquals(List.of("n4 prg_00 RUNNING autostart", "n2 prg_01 RUNNING autostart", "n4 prg_02 RUNNING autostart",
                "n2 prg_03 RUNNING autostart", "n4 prg_04 RUNNING autostart"), puts(plan));
    }

    @Test
    void atGivesEachProcessItsOwnNodeAndNoMore() {
        ProgramSpec family = program("prg", 1, 0).numprocs(3).processName("%(program_name)s_%(process_num)d")
                .identifiers(List.of("@", "n1", "n2")).build();
        ApplicationDefinition app = app("fam", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.CONTINUE, family));
        Plan plan = planner.plan("fam", cluster(node("n1"), node("n2"), node("n3")).application(app).build());
        assertEquals(List.of("n1 prg_0 RUNNING autostart", "n2 prg_1 RUNNING autostart"), puts(plan));
        assertTrue(plan.statusWrite().orElseThrow().status().conditions().stream()
                .anyMatch(c -> "prg_2: no node left for '@'".equals(c.message())));
    }

    @Test
    void pendingAssignmentsOfOtherApplicationsCount() {
        ApplicationDefinition first = app("first", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("p", 1, 60).build()));
        ApplicationDefinition second = app("second", spec(Distribution.ALL_INSTANCES, StartingStrategy.CONFIG, 1,
                StartingFailureStrategy.ABORT, program("p", 1, 60).build()));
        ClusterSnapshot snapshot = cluster(node("n1"), node("n2")).application(first).application(second).build();
        snapshot = AppliedPlan.apply(snapshot, planner.plan("first", snapshot));
        assertEquals(List.of("n2 p RUNNING autostart"), puts(planner.plan("second", snapshot)),
                "first's p is assigned but not started yet: n1 has 60 already");
    }

    /** Another application occupying {@code load} on {@code node}. */
    static ClusterSnapshot busy(ClusterSnapshot snapshot, String node, int load) {
        ApplicationDefinition other = app("other_" + node, new ApplicationSpec(Distribution.ALL_INSTANCES, List.of(node), 0,
                null, null, null, null, null, List.of(program("load", 1, load).build())));
        ClusterSnapshot.Builder builder = snapshot.toBuilder().application(other);
        Fixtures.assigned(builder, other, "load", node, DesiredState.RUNNING, "r0", 1,
                Fixtures.state(io.drover.api.state.ProcessState.RUNNING, 1));
        return builder.intent(other.name(), Fixtures.start("r0"))
                .status(other.name(), AppliedPlan.apply(builder.build(), planner().plan(other.name(), builder.build()))
                        .status(other.name()).orElseThrow()).build();
    }

    private static ApplicationPlanner planner() {
        return new ApplicationPlanner();
    }

    @Test
    void applicationsStartedTogetherSpreadInsteadOfPilingOnTheFirstServer() {
        List<ApplicationDefinition> apps = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            apps.add(app("srv_0" + n, new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("server_1", "server_2", "server_3"),
                    1, null, StartingStrategy.LESS_LOADED, StartingFailureStrategy.STOP, null, null, List.of(
                    program("bus", 1, 2).build(), program("check", 2, 0).build(),
                    program("manager", 3, 10).build(), program("processing", 3, 10).build(),
                    program("acquisition", 3, 10).build(), program("interface", 4, 10).build()))));
        }
        ClusterSnapshot.Builder builder = cluster(node("server_1"), node("server_2"), node("server_3"));
        apps.forEach(builder::application);
        Convergence done = Convergence.run(builder.build(), planner, new Agents(), 20);
        Set<String> servers = new HashSet<>();
        for (ApplicationDefinition app : apps) {
            Set<String> nodes = new HashSet<>(done.snapshot.status(app.name()).orElseThrow().placement().values());
            assertEquals(1, nodes.size(), app.name() + " is not distributed");
            servers.addAll(nodes);
        }
        assertEquals(Set.of("server_1", "server_2", "server_3"), servers, "42 each: one application per server");
    }
}
