package io.drover.operator.election;

import io.drover.api.keyspace.Keyspace;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ElectionConfigTest {

    private static final Keyspace KEYS = Keyspace.defaultKeyspace();

    @Test
    void refreshesFourTimesPerTtlAndStepsDownATenthOfItEarly() {
        ElectionConfig config = ElectionConfig.of(KEYS, "op-1", Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(2500), config.keepAliveInterval());
        assertEquals(Duration.ofSeconds(1), config.safetyMargin());
        assertEquals(Duration.ofMillis(200), ElectionConfig.of(KEYS, "op-1", Duration.ofSeconds(2)).safetyMargin());
    }

    @Test
    void refusesTtlsEtcdWouldSilentlyChange() {
        assertThrows(IllegalArgumentException.class, () -> ElectionConfig.of(KEYS, "op-1", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> ElectionConfig.of(KEYS, "op-1", Duration.ofMillis(2500)));
    }

    @Test
    void refusesAMarginThatLeavesTooLittleOfTheLease() {
        assertThrows(IllegalArgumentException.class,
                () -> new ElectionConfig(KEYS, "op-1", Duration.ofSeconds(4), Duration.ofSeconds(3)));
        assertThrows(IllegalArgumentException.class,
                () -> new ElectionConfig(KEYS, "op-1", Duration.ofSeconds(4), Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ElectionConfig.of(KEYS, " ", Duration.ofSeconds(4)));
    }
}
