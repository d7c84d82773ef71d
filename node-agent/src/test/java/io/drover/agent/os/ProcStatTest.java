package io.drover.agent.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void commandNamesWithSpacesAndParenthesesDoNotShiftTheFields() {
        String line = "4242 (evil) (name x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat stat = ProcStat.parse(4242, line);
        assertEquals('S', stat.state());
        assertEquals(1, stat.parentPid());
        assertEquals(4242, stat.processGroup());
        assertEquals(4242, stat.session());
        assertEquals(987654, stat.startTicks());
        assertTrue(stat.isGroupLeader());
        assertFalse(stat.isGone());
    }

    @Test
    void ourOwnProcessIsReadable() {
        long self = ProcessHandle.current().pid();
        ProcStat stat = ProcStat.read(self).orElseThrow();
        ProcessIdentity identity = ProcessIdentity.of(self).orElseThrow();
        assertEquals(stat.startTicks(), identity.startTicks());
        assertTrue(identity.isAlive());
        assertFalse(new ProcessIdentity(self, identity.startTicks() + 1, identity.bootId()).isAlive());
        assertFalse(new ProcessIdentity(self, identity.startTicks(), "other-boot").isAlive());
    }
}
