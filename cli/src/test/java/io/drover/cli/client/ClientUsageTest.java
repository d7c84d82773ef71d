package io.drover.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.Run;
import org.junit.jupiter.api.Test;

/** Command-line mistakes of the client verbs are usage errors (exit 2), found before any server is contacted. */
class ClientUsageTest {

    @Test
    void mistakesAreUsageErrors() {
        assertEquals(ExitCode.USAGE, Run.drover("get").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("get", "applications", "-o", "xml").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("start").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("stop", "process").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("completion", "fish").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("apply").exitCode(), "-f is required");
        assertEquals(ExitCode.USAGE, Run.drover("apply", "-f", "x.yaml", "--dry-run", "--wait",
                "--server", "http://127.0.0.1:1").exitCode());
        assertEquals(ExitCode.USAGE, Run.drover("get", "gadgets", "--server", "http://127.0.0.1:1").exitCode());
    }

    @Test
    void withoutAServerTheMessageSaysHowToGiveOne() {
        Run run = Run.drover("get", "nodes", "--config", "does-not-exist.yaml");
        assertEquals(ExitCode.ERROR, run.exitCode());
        assertTrue(run.err().contains("does-not-exist.yaml"), run.err());
    }

    @Test
    void helpExplainsTheOptions() {
        Run help = Run.drover("get", "--help");
        assertEquals(0, help.exitCode());
        for (String option : new String[] {"--output", "--watch", "--server", "--token", "--context", "--config",
                "supvisors"}) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        Run top = Run.drover("--help");
        for (String verb : new String[] {"apply", "diff", "delete", "get", "describe", "start", "stop", "restart",
                "logs", "version", "completion", "config", "validate", "resolve", "convert"}) {
            assertTrue(top.out().contains("  " + verb), verb + " in\n" + top.out());
        }
    }

    @Test
    void offlineCommandsStillWorkWithoutAServer() {
        Run run = Run.drover("validate", "-f", Run.cases("scenario_2/etc"), "--env", "IDENTIFIER=console_1");
        assertEquals(0, run.exitCode(), run.toString());
    }
}
