package io.drover.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeLossGateTest {

    private final NodeLossGate gate = new NodeLossGate();
    private static final Set<String> BUSY = Set.of("server_1", "server_2", "server_3", "server_4");

    @Test
    void aNewLeaderDeclaresNoNodeLostDuringItsGrace() {
        assertFalse(gate.allows(false, BUSY, Set.of("server_1", "server_2", "server_3")));
    }

    @Test
    void oneLostNodeIsHandled() {
        assertTrue(gate.allows(true, BUSY, Set.of("server_1", "server_2", "server_3")));
    }

    @Test
    void halfTheNodesLostIsStillHandled() {
        assertTrue(gate.allows(true, BUSY, Set.of("server_1", "server_2")));
    }

    @Test
    void mostNodesMissingAtOnceIsHeldBackUntilTheyReturn() {
        assertFalse(gate.allows(true, BUSY, Set.of("server_1")));
        assertFalse(gate.allows(true, BUSY, Set.of()));
        assertTrue(gate.allows(true, BUSY, Set.of("server_1", "server_2", "server_3")));
    }

    @Test
    void aSingleNodeClusterLosingItsNodeIsNotAMassLoss() {
        assertTrue(gate.allows(true, Set.of("server_1"), Set.of()));
    }
}
