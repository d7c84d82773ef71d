package io.drover.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drover up on scenario 2, with real etcd, operator, agents and processes, then everything stopped. */
class UpIT {

    @TempDir
    Path dir;

    @Test
    void scenarioTwoComesUpWithItsThreeServicesOnThreeServersAndLeavesNothingBehind() {
        Run run = Run.drover("up", "--dir", dir.toString(), "--example", Run.repository("deploy/examples/scenario-2").toString(),
                "--no-watch");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("ready in "), run.toString());
        Map<String, String> busNode = new HashMap<>();
        String application = null;
        for (String line : run.out().split("\n")) {
            if (!line.startsWith(" ") && line.startsWith("scen2_srv_")) {
                application = line.split("\\s+")[0];
                assertEquals("RUNNING", line.split("\\s+")[1], line);
            } else if (application != null && line.trim().startsWith("scen2_internal_data_bus")) {
                busNode.put(application, line.trim().split("\\s+")[1]);
            }
        }
        assertEquals(Set.of("scen2_srv_01", "scen2_srv_02", "scen2_srv_03"), busNode.keySet(), run.out());
        assertEquals(3, new HashSet<>(busNode.values()).size(), "one server each: " + busNode);
        assertFalse(Files.exists(dir.resolve(UpCommand.PID_FILE)), "up cleaned after itself");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dir.toString())),
                "no etcd or program of this run is left");
    }
}
