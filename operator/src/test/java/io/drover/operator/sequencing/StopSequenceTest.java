package io.drover.operator.sequencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Members "name:stage:progress" with progress U (up), G (going down), D (down), E (expired). */
class StopSequenceTest {

    @ParameterizedTest(name = "{0} -> done={1} stage={2} stop [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            a:1:U b:2:U c:2:U   | false | 2 | b,c
            a:1:U b:2:G c:2:D   | false | 2 | -
            a:1:U b:2:D c:2:D   | false | 1 | a
            a:1:U b:2:E         | false | 1 | a
            a:1:D b:2:D         | true  | 0 | -
            a:1:E               | true  | 0 | -
            a:0:U b:0:U         | false | 0 | a,b
            """)
    void stopsGreatestStageFirst(String members, boolean done, int stage, String toStop) {
        List<StopMember> parsed = new ArrayList<>();
        for (String spec : members.trim().split("\\s+")) {
            String[] f = spec.split(":");
            StopProgress progress = switch (f[2]) {
                case "U" -> StopProgress.UP;
                case "G" -> StopProgress.GOING_DOWN;
                case "D" -> StopProgress.DOWN;
                default -> StopProgress.EXPIRED;
            };
            parsed.add(new StopMember(f[0], "n1", Integer.parseInt(f[1]), progress, null));
        }
        StopOutcome outcome = StopSequence.advance(parsed);
        assertEquals(done, outcome.done());
        assertEquals(stage, outcome.stage());
        String stopped = outcome.toStop().stream().map(StopMember::process).collect(Collectors.joining(","));
        assertEquals(toStop, stopped.isEmpty() ? "-" : stopped);
    }

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest(name = "desired={0} alive={1} ack={2} state={3} late={4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            RUNNING | true  | true  | RUNNING  | false | UP
            RUNNING | true  | false | STOPPED  | false | UP
            RUNNING | true  | true  | FATAL    | false | DOWN
            RUNNING | false | true  | RUNNING  | false | DOWN
            -       | true  | false | RUNNING  | false | UP
            STOPPED | true  | false | RUNNING  | false | GOING_DOWN
            STOPPED | true  | true  | STOPPING | false | GOING_DOWN
            STOPPED | true  | true  | STOPPING | true  | EXPIRED
            STOPPED | true  | true  | STOPPED  | false | DOWN
            STOPPED | true  | false | EXITED   | false | DOWN
            STOPPED | true  | false | -        | false | DOWN
            """)
    void classifiesCopies(String desired, boolean alive, boolean acknowledged, String state, boolean late, StopProgress expected) {
        StopFacts facts = new StopFacts(desired.equals("-") ? null : DesiredState.valueOf(desired), alive, acknowledged,
                state.equals("-") ? null : ProcessState.valueOf(state), late ? NOW.minusSeconds(1) : NOW.plusSeconds(5));
        assertEquals(expected, StopProgressRules.classify(facts, NOW));
    }
}
