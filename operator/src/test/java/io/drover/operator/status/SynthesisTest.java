package io.drover.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drover.api.rules.formula.StatusFormula;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ProcessState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Supvisors' process and application synthesis (reference §3.9–3.10). */
class SynthesisTest {

    /** Copies "node=STATE[!]@second": '!' marks an unexpected exit; @second orders the updates. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            -                                       | STOPPED  | false
            n1=RUNNING@1                            | RUNNING  | false
            n1=RUNNING@1 n2=STARTING@2              | RUNNING  | true
            n1=STARTING@1 n2=BACKOFF@2              | BACKOFF  | true
            n1=STOPPING@1 n2=EXITED@2               | STOPPING | false
            n1=EXITED!@1 n2=STOPPED@2               | STOPPED  | false
            n1=STOPPED@1 n2=FATAL@2                 | FATAL    | false
            n1=FATAL@3 n2=STOPPED@2 n3=RUNNING@1    | RUNNING  | false
            """)
    void displaysOneStateAcrossCopies(String copies, ProcessState expected, boolean conflict) {
        DisplayedProcess displayed = ProcessSynthesis.display(copies(copies));
        assertEquals(expected, displayed.state());
        assertEquals(conflict, displayed.conflict());
    }

    /**
     * Processes "name=STATE[!][*]": '!' an unexpected exit, '*' required. Result "state major minor".
     */
    @ParameterizedTest(name = "{0} formula={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a=RUNNING* b=RUNNING                 | -                 | RUNNING false false
            a=RUNNING* b=FATAL                   | -                 | RUNNING false true
            a=FATAL* b=RUNNING                   | -                 | RUNNING true false
            a=FATAL* b=FATAL                     | -                 | STOPPED true false
            a=STOPPED* b=RUNNING                 | -                 | RUNNING true false
            a=STOPPED* b=STOPPED                 | -                 | STOPPED false false
            a=EXITED!* b=STOPPED                 | -                 | STOPPED true false
            a=EXITED* b=RUNNING                  | -                 | RUNNING false false
            a=STOPPING b=STARTING                | -                 | STOPPING false false
            a=BACKOFF b=RUNNING                  | -                 | STARTING false false
            a=UNKNOWN b=RUNNING                  | -                 | RUNNING false true
            a=RUNNING b=FATAL                    | all('.*')         | RUNNING true false
            a=RUNNING b=FATAL                    | any('a')          | RUNNING false true
            a=RUNNING b=EXITED                   | all('.*')         | RUNNING false false
            a=RUNNING b=STOPPED*                 | any('a')          | RUNNING false false
            a=RUNNING                            | any('zzz')        | RUNNING true false
            """)
    void applicationStateAndFailures(String processes, String formula, String expected) {
        List<ProcessSummary> summaries = new ArrayList<>();
        for (String spec : processes.trim().split("\\s+")) {
            String[] parts = spec.split("=");
            String state = parts[1].replace("!", "").replace("*", "");
            boolean unexpected = parts[1].contains("!");
            boolean required = parts[1].contains("*");
            DisplayedProcess displayed = new DisplayedProcess(ProcessState.valueOf(state), !unexpected,
                    ProcessState.valueOf(state).isRunning() ? List.of("n1") : List.of());
            summaries.add(new ProcessSummary(parts[0], displayed, required));
        }
        Optional<StatusFormula> parsed = formula.equals("-") ? Optional.empty() : Optional.of(StatusFormula.parse(formula));
        ApplicationHealth health = ApplicationSynthesis.health(summaries, true, parsed);
        assertEquals(expected, health.state() + " " + health.majorFailure() + " " + health.minorFailure());
        ApplicationHealth unmanaged = ApplicationSynthesis.health(summaries, false, parsed);
        assertEquals(health.state() + " false false", unmanaged.state() + " " + unmanaged.majorFailure() + " " + unmanaged.minorFailure(),
                "an unmanaged application is never in failure");
        assertEquals(ApplicationSynthesis.state(summaries), health.state());
    }

    private static List<ProcessCopy> copies(String spec) {
        List<ProcessCopy> copies = new ArrayList<>();
        if (spec.equals("-")) {
            return copies;
        }
        for (String copy : spec.trim().split("\\s+")) {
            String[] parts = copy.split("[=@]");
            boolean unexpected = parts[1].endsWith("!");
            copies.add(new ProcessCopy(parts[0], ProcessState.valueOf(parts[1].replace("!", "")), !unexpected,
                    Instant.EPOCH.plusSeconds(Long.parseLong(parts[2]))));
        }
        return copies;
    }

    @org.junit.jupiter.api.Test
    void applicationStateIsOverEveryProcess() {
        assertEquals(ApplicationState.STOPPED, ApplicationSynthesis.state(List.of()));
    }
}
