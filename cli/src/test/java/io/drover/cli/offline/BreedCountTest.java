package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.offline.breed.BreedCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreedCountTest {

    @Test
    void copiesAreNumberedWithTwoDigitsAtLeast() {
        BreedCount count = BreedCount.parse("scen2_srv=3");

        assertEquals("group:scen2_srv", count.templateSection());
        assertEquals(List.of("group:scen2_srv_01", "group:scen2_srv_02", "group:scen2_srv_03"), count.copySections());
        assertEquals("group:app_100", BreedCount.parse("app=100").copySections().get(99));
    }

    @Test
    void aNameSupervisorRefusesIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BreedCount.parse("a/b=2"));

        assertTrue(refused.getMessage().contains("contains '/'"), refused.getMessage());
    }
}
