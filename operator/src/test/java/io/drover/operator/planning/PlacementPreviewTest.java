package io.drover.operator.planning;

import static io.drover.operator.planning.Fixtures.app;
import static io.drover.operator.planning.Fixtures.cluster;
import static io.drover.operator.planning.Fixtures.node;
import static io.drover.operator.planning.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dry run of an apply: what would start where, every stage placed, nothing written. */
class PlacementPreviewTest {

    private static ApplicationDefinition service(String name, int startSequence) {
        return app(name, new ApplicationSpec(Distribution.SINGLE_INSTANCE, List.of("server_1", "server_2", "server_3"),
                startSequence, null, StartingStrategy.LESS_LOADED, StartingFailureStrategy.STOP, null, null, List.of(
                program("bus", 1, 2).build(), program("check", 2, 0).build(), program("manager", 3, 20).build(),
                program("interface", 4, 20).build())));
    }

    @Test
    void everyStageOfThreeServicesIsPlacedAndTheyLandOnThreeServers() {
        ClusterSnapshot.Builder builder = cluster(node("server_1"), node("server_2"), node("server_3"));
        List.of("srv_01", "srv_02", "srv_03").forEach(name -> builder.application(service(name, 1)));
        List<PlacementPreview.ApplicationPreview> previews = PlacementPreview.of(builder.build(),
                List.of("srv_01", "srv_02", "srv_03"), new ApplicationPlanner());
        Set<String> servers = new HashSet<>();
        for (PlacementPreview.ApplicationPreview preview : previews) {
            assertEquals(Set.of("bus", "check", "manager", "interface"), preview.placement().keySet(), preview.toString());
            assertEquals(1, new HashSet<>(preview.placement().values()).size(), "one node each: " + preview);
            assertTrue(preview.outcome().contains("start sequence complete"), preview.outcome());
            servers.addAll(preview.placement().values());
        }
        assertEquals(Set.of("server_1", "server_2", "server_3"), servers);
    }

    @Test
    void anApplicationThatDoesNotStartByItselfIsPreviewedAsSuch() {
        ClusterSnapshot snapshot = cluster(node("server_1")).application(service("manual", 0)).build();
        PlacementPreview.ApplicationPreview preview = PlacementPreview.of(snapshot, List.of("manual"),
                new ApplicationPlanner()).get(0);
        assertEquals(Map.of(), preview.placement());
        assertTrue(preview.outcome().contains("not started automatically"), preview.outcome());
    }
}
