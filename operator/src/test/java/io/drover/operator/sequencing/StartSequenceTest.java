package io.drover.operator.sequencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.model.StartingFailureStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stage rules. Members are written "name:stage:progress[:req][:STRATEGY][:asked]" — progress N (not requested),
 * P (in progress), D (done), F (failed); "asked" marks a process the run already requested. Processes the requester
 * cannot place are listed in {@code unplaceable}; the others it starts (IN_PROGRESS).
 */
class StartSequenceTest {

    private static final Instant DEADLINE = Instant.parse("2026-03-01T10:01:00Z");

    @ParameterizedTest(name = "{0} (unplaceable: {1}) -> {2} at stage {3}, requested [{4}]")
    @CsvSource(delimiter = '|', textBlock = """
            a:1:N b:2:N                                   | -   | WAITING        | 1 | a
            a:1:D:::asked b:2:N c:2:N                     | -   | WAITING        | 2 | b,c
            a:1:D:::asked b:2:D:::asked                   | -   | COMPLETED      | 2 | -
            a:1:P:::asked b:2:N                           | -   | WAITING        | 1 | -
            a:1:N a2:1:P:::asked b:2:N                    | -   | WAITING        | 1 | a
            a:1:F:req::asked b:2:N                        | -   | ABORTED        | 1 | -
            a:1:F:req:ABORT:asked b:1:P:::asked c:2:N     | -   | WAITING        | 1 | -
            a:1:F:req:STOP:asked b:2:N                    | -   | STOP_REQUESTED | 1 | -
            a:1:F:req:CONTINUE:asked b:2:N                | -   | WAITING        | 2 | b
            a:1:F:::asked b:2:N                           | -   | WAITING        | 2 | b
            a:1:F:req:CONTINUE:asked b:1:F:req:STOP:asked | -   | STOP_REQUESTED | 1 | -
            a:1:F:req:ABORT:asked b:1:F:req:CONTINUE:asked | -  | ABORTED        | 1 | -
            a:1:N:req b:2:N                               | a   | ABORTED        | 1 | a
            a:1:N:req:CONTINUE b:2:N                      | a   | WAITING        | 2 | a,b
            a:1:N b:2:N c:3:N                             | a,b | WAITING        | 3 | a,b,c
            a:1:F:req::asked b:2:D:::asked c:3:N          | -   | WAITING        | 3 | c
            a:1:N b:2:D:::asked c:3:N                     | -   | WAITING        | 3 | c
            a:1:D b:2:D c:3:N                             | -   | WAITING        | 3 | c
            a:0:N                                         | -   | COMPLETED      | 0 | -
            """)
    void advances(String members, String unplaceable, StartOutcome.Kind kind, int stage, String requested) {
        List<String> refused = unplaceable.equals("-") ? List.of() : List.of(unplaceable.split(","));
        List<String> asked = new ArrayList<>();
        StartOutcome outcome = StartSequence.advance(parse(members), toRequest -> {
            Map<String, StartCheck> answers = new LinkedHashMap<>();
            for (StageMember member : toRequest) {
                asked.add(member.process());
                answers.put(member.process(), refused.contains(member.process()) ? StartCheck.failed("not placed")
                        : StartCheck.inProgress("requested", DEADLINE));
            }
            return answers;
        });
        assertEquals(kind, outcome.kind());
        assertEquals(stage, outcome.stage());
        assertEquals(requested, asked.isEmpty() ? "-" : String.join(",", asked));
    }

    private static List<StageMember> parse(String members) {
        List<StageMember> parsed = new ArrayList<>();
        for (String spec : members.trim().split("\\s+")) {
            String[] f = (spec + ":::::").split(":", -1);
            StartCheck check = switch (f[2]) {
                case "N" -> StartCheck.notRequested("not yet");
                case "P" -> StartCheck.inProgress("starting", DEADLINE);
                case "D" -> StartCheck.done("running");
                default -> StartCheck.failed("FATAL");
            };
            StartingFailureStrategy strategy = f[4].isEmpty() ? StartingFailureStrategy.ABORT : StartingFailureStrategy.valueOf(f[4]);
            parsed.add(new StageMember(f[0], Integer.parseInt(f[1]), f[3].equals("req"), strategy, check, f[5].equals("asked")));
        }
        return parsed;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a:1:P:::asked b:1:P:::asked | 2026-03-01T10:01:00Z
            """)
    void waitsUntilTheEarliestDeadline(String members, Instant recheck) {
        StartOutcome outcome = StartSequence.advance(parse(members), toRequest -> Map.of());
        assertEquals(recheck, outcome.recheckAt().orElseThrow());
        assertEquals("a,b", outcome.waitingOn().stream().map(StageMember::process).collect(Collectors.joining(",")));
    }
}
