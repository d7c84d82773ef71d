package io.drover.operator.sequencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinePolicyTest {

    @ParameterizedTest(name = "startsecs={0} retries={1} waitExit={2} -> {3}s")
    @CsvSource({
            "1, 3, false, 40",   // 4 attempts of 1 s + back-offs 1+2+3 + 30 s margin
            "10, 3, false, 76",  // 40 + 6 + 30
            "0, 3, true, 156",   // 0 + 6 + 30 + 120 (wait_exit allowance)
            "10, 0, false, 40",  // 10 + 0 + 30
    })
    void startBudgetCoversSupervisorsRetriesAndBackoff(int startSecs, int retries, boolean waitExit, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), DeadlinePolicy.defaults().startBudget(startSecs, retries, waitExit));
    }

    @ParameterizedTest
    @CsvSource({"10, 25", "0, 15"})
    void stopBudgetIsStopWaitSecsPlusMargin(int stopWaitSecs, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), DeadlinePolicy.defaults().stopBudget(stopWaitSecs));
    }

    @ParameterizedTest
    @CsvSource({"1, 3, false", "0, 3, true"})
    void aStageTimeoutOverridesTheComputedBudget(int startSecs, int retries, boolean waitExit) {
        assertEquals(Duration.ofSeconds(5),
                DeadlinePolicy.defaults().withStageTimeout(Duration.ofSeconds(5)).startBudget(startSecs, retries, waitExit));
    }
}
