package io.drover.operator.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new leader takes over a half-done staged start: from the snapshot alone it continues exactly where the old one
 * stopped, without touching what runs (DESIGN rule 3).
 */
class LeaderContinuationTest {

    private static final List<String> STAGE_3 = List.of("scen2_config_manager", "scen2_data_processing",
            "scen2_sensor_acquisition", "scen2_check_common_data_bus");

    /** The old leader's work: every srv application at stage 3, its processes STARTING. */
    private static ClusterSnapshot halfway() {
        Agents agents = Scenario2Test.agents();
        for (int n = 1; n <= 3; n++) {
            for (String process : STAGE_3) {
                agents.with("scen2_srv_0" + n, process, Agents.Behaviour.STUCK_STARTING);
            }
        }
        return Convergence.run(Scenario2.cluster().build(), new ApplicationPlanner(), agents, 30).snapshot;
    }

    @Test
    void aNewLeaderHasNothingToDoWhileTheStageIsInProgress() {
        ClusterSnapshot takeOver = halfway().toBuilder().epoch(99).nodeLossHandlingAllowed(false).build();
        ApplicationPlanner newLeader = new ApplicationPlanner(PlannerSettings.defaults().withEventSource("operator/op-2"));
        for (String application : takeOver.applicationNames()) {
            assertTrue(newLeader.plan(application, takeOver).isEmpty(), application);
        }
    }

    @Test
    void aNewLeaderGoesOnWithTheNextStageOnlyTouchingIt() {
        ClusterSnapshot halfway = halfway();
        ClusterSnapshot.Builder builder = halfway.toBuilder().epoch(99);
        for (int n = 1; n <= 3; n++) {
            String app = "scen2_srv_0" + n;
            for (String process : STAGE_3) {
                halfway.observed(app).get(process).forEach((node, status) -> builder.observed(node, app, process,
                        new ProcessStatus(process.startsWith("scen2_check") ? ProcessState.EXITED : ProcessState.RUNNING,
                                null, status.startTime(), null, 0, true, null, status.assignmentRevision(), status.updatedAt())));
            }
        }
        ClusterSnapshot stageDone = builder.build();
        ApplicationPlanner newLeader = new ApplicationPlanner();
        for (int n = 1; n <= 3; n++) {
            String app = "scen2_srv_0" + n;
            Plan plan = newLeader.plan(app, stageDone);
            assertEquals(List.of("scen2_common_bus_interface"), plan.puts().stream().map(PlanAction.PutAssignment::process).toList(), app);
            assertEquals(99, plan.puts().get(0).assignment().epoch());
            String node = halfway.status(app).orElseThrow().placement().get("scen2_internal_data_bus");
            assertEquals(node, plan.puts().get(0).node(), "the application stays where the old leader bound it");
        }
    }

    @Test
    void evenWithoutItsStatusTheSequenceIsReadFromTheAssignments() {
        ClusterSnapshot.Builder builder = halfway().toBuilder().epoch(99);
        for (int n = 1; n <= 3; n++) {
            builder.removeStatus("scen2_srv_0" + n);
        }
        ClusterSnapshot lostStatus = builder.build();
        for (int n = 1; n <= 3; n++) {
            Plan plan = new ApplicationPlanner().plan("scen2_srv_0" + n, lostStatus);
            assertTrue(plan.puts().isEmpty(), "nothing restarted, nothing started twice: " + plan.puts());
            Map<String, String> placement = plan.statusWrite().orElseThrow().status().placement();
            assertEquals(6, placement.size());
            assertTrue(plan.statusWrite().orElseThrow().status().conditions().stream()
                    .anyMatch(c -> c.message() != null && c.message().contains("stage 3 of [1,2,3,4]")));
        }
    }
}
