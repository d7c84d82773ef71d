package io.drover.operator.sequencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.state.ProcessState;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One process of a run: what its assignment and its node say, and where that puts it. "late": past its deadline. */
class StartProgressRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest(name = "assigned={0} own={1} stale={2} node={3} ack={4} state={5} expected={6} waitExit={7} late={8} -> {9}")
    @CsvSource(delimiter = '|', textBlock = """
            false | false | false | ALIVE       | false | -        | false | false | false | NOT_REQUESTED
            true  | true  | true  | ALIVE       | true  | RUNNING  | false | false | false | NOT_REQUESTED
            true  | true  | false | ALIVE       | false | -        | false | false | false | IN_PROGRESS
            true  | true  | false | ALIVE       | false | STOPPED  | false | false | true  | FAILED
            true  | true  | false | ALIVE       | true  | STARTING | false | false | false | IN_PROGRESS
            true  | true  | false | ALIVE       | true  | BACKOFF  | false | false | false | IN_PROGRESS
            true  | true  | false | ALIVE       | true  | STARTING | false | false | true  | FAILED
            true  | true  | false | ALIVE       | true  | RUNNING  | false | false | false | DONE
            true  | true  | false | ALIVE       | true  | RUNNING  | false | false | true  | DONE
            true  | true  | false | ALIVE       | true  | RUNNING  | false | true  | false | IN_PROGRESS
            true  | true  | false | ALIVE       | true  | RUNNING  | false | true  | true  | FAILED
            true  | true  | false | ALIVE       | true  | EXITED   | true  | true  | false | DONE
            true  | true  | false | ALIVE       | true  | EXITED   | false | true  | false | FAILED
            true  | true  | false | ALIVE       | true  | EXITED   | false | false | false | DONE
            true  | true  | false | ALIVE       | true  | FATAL    | false | false | false | FAILED
            true  | true  | false | ALIVE       | true  | STOPPED  | false | false | false | FAILED
            true  | true  | false | ALIVE       | true  | STOPPING | false | false | false | FAILED
            true  | true  | false | ALIVE       | true  | UNKNOWN  | false | false | false | FAILED
            true  | true  | false | LOST        | true  | RUNNING  | false | false | false | FAILED
            true  | true  | false | UNREACHABLE | true  | RUNNING  | false | false | false | IN_PROGRESS
            true  | true  | false | UNREACHABLE | true  | RUNNING  | false | false | true  | FAILED
            true  | false | false | ALIVE       | true  | RUNNING  | false | true  | false | DONE
            true  | false | false | ALIVE       | true  | FATAL    | false | false | false | NOT_REQUESTED
            true  | false | false | ALIVE       | true  | STARTING | false | false | false | IN_PROGRESS
            true  | false | false | ALIVE       | true  | STARTING | false | false | true  | NOT_REQUESTED
            true  | false | false | LOST        | true  | RUNNING  | false | false | false | NOT_REQUESTED
            true  | false | false | UNREACHABLE | true  | RUNNING  | false | false | true  | DONE
            """)
    void classifies(boolean assigned, boolean ownRun, boolean stale, NodeHealth node, boolean acknowledged, String state,
                    boolean expectedExit, boolean waitExit, boolean late, StartProgress expected) {
        Instant deadline = late ? NOW.minusSeconds(1) : NOW.plusSeconds(30);
        StartFacts facts = new StartFacts(assigned, ownRun, stale, node, "n1", acknowledged,
                state.equals("-") ? null : ProcessState.valueOf(state), expectedExit, null, waitExit, deadline);
        assertEquals(expected, StartProgressRules.classify(facts, NOW).progress());
    }
}
