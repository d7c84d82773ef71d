package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessState;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Supvisors' scenario 2, from its own files, requirement by requirement (reference §7.2). */
class Scenario2Test {

    private final ApplicationPlanner planner = new ApplicationPlanner();

    static Agents agents() {
        Agents agents = new Agents();
        for (int n = 1; n <= 3; n++) {
            agents.withPrefix("scen2_srv_0" + n, "scen2_check", Agents.Behaviour.EXIT_EXPECTED)
                    .withPrefix("scen2_hci_0" + n, "scen2_check", Agents.Behaviour.EXIT_EXPECTED);
        }
        return agents;
    }

    static Convergence started(ApplicationPlanner planner) {
        return Convergence.run(Scenario2.cluster().build(), planner, agents(), 30);
    }

    @Test
    void servicesStartAutomaticallyOnePerServerAndHcisWait() {
        Convergence done = started(planner);
        Set<String> servers = new HashSet<>();
        for (int n = 1; n <= 3; n++) {
            ApplicationStatus srv = done.snapshot.status("scen2_srv_0" + n).orElseThrow();
            assertEquals(ApplicationState.RUNNING, srv.state());
            assertEquals(1, new HashSet<>(srv.placement().values()).size(), "req 2, 10: not distributed");
            servers.addAll(srv.placement().values());
            assertEquals(ApplicationState.STOPPED, done.snapshot.status("scen2_hci_0" + n).orElseThrow().state(), "req 11");
        }
        assertEquals(Set.of("server_1", "server_2", "server_3"), servers, "req 13: load balancing, not all on server_1");
        assertEquals(ApplicationState.RUNNING, done.snapshot.status("common_data_bus").orElseThrow().state());
        assertEquals(6, done.snapshot.status("common_data_bus").orElseThrow().placement().get("common_data_bus").split(",").length);
    }

    @Test
    void anHciStartsOnTheConsoleItIsAskedOn() {
        Convergence done = started(planner);
        Convergence hci = Convergence.run(done.snapshot.toBuilder()
                .intent("scen2_hci_02", Fixtures.start("r1", StartingStrategy.LOCAL, "console_3")).build(), planner, agents(), 20);
        ApplicationStatus status = hci.snapshot.status("scen2_hci_02").orElseThrow();
        assertEquals(ApplicationState.RUNNING, status.state());
        assertEquals(Set.of("console_3"), new HashSet<>(status.placement().values()), "req 21, 22");
    }

    @Test
    void aServiceThatRunsCannotBeStartedTwice() {
        Convergence done = started(planner);
        ClusterSnapshot again = done.snapshot.toBuilder().intent("scen2_srv_01", Fixtures.start("r9")).build();
        Plan plan = planner.plan("scen2_srv_01", again);
        assertTrue(plan.puts().isEmpty(), "req 12");
        assertTrue(condition(AppliedPlan.apply(again, plan), "scen2_srv_01", "Request").startsWith("FALSE Refused"));
    }

    @Test
    void aFourthLoadOnOneHostIsRefusedWhenHostsAreCapped() {
        ApplicationPlanner capped = new ApplicationPlanner(PlannerSettings.defaults().withCapHosts(true));
        Convergence done = started(capped);
        ClusterSnapshot snapshot = done.snapshot;
        for (String hci : new String[] {"scen2_hci_01", "scen2_hci_02", "scen2_hci_03"}) {
            snapshot = Convergence.run(snapshot.toBuilder()
                    .intent(hci, Fixtures.start("r-" + hci, StartingStrategy.LOCAL, "console_1")).build(), capped, agents(), 20).snapshot;
        }
        assertEquals(ApplicationState.RUNNING, snapshot.status("scen2_hci_01").orElseThrow().state());
        assertEquals(ApplicationState.RUNNING, snapshot.status("scen2_hci_02").orElseThrow().state());
        ApplicationStatus third = snapshot.status("scen2_hci_03").orElseThrow();
        assertEquals(ApplicationState.STOPPED, third.state(), "req 5: 42 + 26 + 26 on supv01, a third 26 does not fit");
        assertTrue(third.majorFailure());
        assertTrue(condition(snapshot, "scen2_hci_03", "Placed").contains("no node can hold load 26"));
    }

    @Test
    void aServiceWhoseRequiredProgramFailsToStartIsStopped() {
        Agents failing = agents().with("scen2_srv_02", "scen2_check_internal_data_bus", Agents.Behaviour.EXIT_UNEXPECTED);
        Convergence done = Convergence.run(Scenario2.cluster().build(), planner, failing, 30);
        ApplicationStatus srv = done.snapshot.status("scen2_srv_02").orElseThrow();
        assertEquals(ApplicationState.STOPPED, srv.state(), "req 14");
        assertTrue(condition(done.snapshot, "scen2_srv_02", "Sequence").startsWith("TRUE StoppedAfterStartFailure"));
        assertEquals(ProcessState.STOPPED, done.snapshot.observed("scen2_srv_02").get("scen2_internal_data_bus").values()
                .iterator().next().state());
    }

    @Test
    void aServiceOnALostServerIsRestartedOnAnotherOne() {
        Convergence done = started(planner);
        String lostServer = done.snapshot.status("scen2_srv_01").orElseThrow().placement().get("scen2_internal_data_bus");
        ClusterSnapshot.Builder lost = done.snapshot.toBuilder().removeNode(lostServer);
        done.snapshot.observed().forEach((app, byProcess) -> byProcess.forEach((process, byNode) -> {
            if (byNode.containsKey(lostServer)) {
                lost.removeObserved(lostServer, app, process);
            }
        }));
        Convergence after = Convergence.run(lost.build(), planner, agents(), 30);
        ApplicationStatus srv = after.snapshot.status("scen2_srv_01").orElseThrow();
        assertEquals(ApplicationState.RUNNING, srv.state(), "req 16 (RESTART_APPLICATION on scen2_internal_data_bus)");
        Set<String> nodes = new HashSet<>(srv.placement().values());
        assertEquals(1, nodes.size());
        assertTrue(!nodes.contains(lostServer));
    }

    @Test
    void anHciWhoseDataBusCrashesIsStoppedAndNotMovedWhenItsConsoleIsLost() {
        Convergence done = started(planner);
        ClusterSnapshot hci = Convergence.run(done.snapshot.toBuilder()
                .intent("scen2_hci_01", Fixtures.start("r1", StartingStrategy.LOCAL, "console_2")).build(), planner, agents(), 20).snapshot;
        var bus = hci.observed("scen2_hci_01").get("scen2_internal_data_bus").get("console_2");
        ClusterSnapshot crashed = hci.toBuilder().observed("console_2", "scen2_hci_01", "scen2_internal_data_bus",
                new io.drover.api.state.ProcessStatus(ProcessState.EXITED, null, bus.startTime(), hci.now(), -9, false, null,
                        bus.assignmentRevision(), hci.now())).build();
        Convergence after = Convergence.run(crashed, planner, agents(), 20);
        assertEquals(ApplicationState.STOPPED, after.snapshot.status("scen2_hci_01").orElseThrow().state(), "req 25");
        assertTrue(condition(after.snapshot, "scen2_hci_01", "Sequence").startsWith("TRUE StoppedOnFailure"));

        ClusterSnapshot.Builder consoleLost = hci.toBuilder().removeNode("console_2");
        hci.observed().forEach((app, byProcess) -> byProcess.forEach((process, byNode) -> {
            if (byNode.containsKey("console_2")) {
                consoleLost.removeObserved("console_2", app, process);
            }
        }));
        Convergence lost = Convergence.run(consoleLost.build(), planner, agents(), 20);
        Map<String, String> placement = lost.snapshot.status("scen2_hci_01").orElseThrow().placement();
        assertTrue(placement.values().stream().noneMatch(n -> !n.equals("console_2")), "req 26: not restarted elsewhere " + placement);
    }
}
