package io.drover.operator.status;

import io.drover.api.rules.formula.FormulaOutcome;
import io.drover.api.rules.formula.ProcessCondition;
import io.drover.api.rules.formula.StatusFormula;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ProcessState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Supvisors' {@code ApplicationStatus.update_state} and {@code update_status_required} / {@code evaluate}.
 * <ul>
 *   <li>state, over every process (start_sequence 0 included): any STOPPING → STOPPING; else any STARTING or
 *       BACKOFF → STARTING; else any RUNNING → RUNNING; else STOPPED;</li>
 *   <li>without a formula: a FATAL, UNKNOWN or unexpectedly EXITED process is a major failure when required, a
 *       minor one otherwise; a required process STOPPED is a major failure only while the application is not
 *       STOPPED;</li>
 *   <li>with a formula: the formula alone decides the major failure (an evaluation error is one); failed processes
 *       make a minor failure;</li>
 *   <li>a major failure clears the minor one; an unmanaged application is never in failure.</li>
 * </ul>
 */
public final class ApplicationSynthesis {

    private ApplicationSynthesis() {
    }

    public static ApplicationState state(List<ProcessSummary> processes) {
        if (any(processes, ProcessState.STOPPING)) {
            return ApplicationState.STOPPING;
        }
        if (any(processes, ProcessState.STARTING) || any(processes, ProcessState.BACKOFF)) {
            return ApplicationState.STARTING;
        }
        return any(processes, ProcessState.RUNNING) ? ApplicationState.RUNNING : ApplicationState.STOPPED;
    }

    public static ApplicationHealth health(List<ProcessSummary> processes, boolean managed, Optional<StatusFormula> formula) {
        ApplicationState state = state(processes);
        if (!managed) {
            return new ApplicationHealth(state, false, false, List.of(), List.of(), null);
        }
        List<String> major = new ArrayList<>();
        List<String> minor = new ArrayList<>();
        String formulaError = null;
        if (formula.isPresent()) {
            Map<String, ProcessCondition> conditions = new LinkedHashMap<>();
            processes.forEach(p -> conditions.put(p.name(),
                    new ProcessCondition(p.displayed().state().name(), p.displayed().expectedExit())));
            FormulaOutcome outcome = formula.get().evaluate(conditions);
            if (outcome.majorFailure()) {
                formulaError = outcome.error();
                major.add(outcome.isError() ? "operational_status cannot be evaluated: " + outcome.error()
                        : "operational_status '" + formula.get().text() + "' is false");
            }
            processes.stream().filter(p -> p.displayed().failed()).forEach(p -> minor.add(describe(p)));
        } else {
            for (ProcessSummary process : processes) {
                if (process.displayed().failed()) {
                    (process.required() ? major : minor).add(describe(process));
                } else if (process.required() && process.displayed().state() == ProcessState.STOPPED
                        && state != ApplicationState.STOPPED) {
                    major.add(process.name() + " STOPPED");
                }
            }
        }
        boolean majorFailure = !major.isEmpty();
        return new ApplicationHealth(state, majorFailure, !majorFailure && !minor.isEmpty(), major,
                majorFailure ? List.of() : minor, formulaError);
    }

    private static String describe(ProcessSummary process) {
        DisplayedProcess displayed = process.displayed();
        return process.name() + " " + (displayed.state() == ProcessState.EXITED ? "EXITED unexpectedly" : displayed.state().name());
    }

    private static boolean any(List<ProcessSummary> processes, ProcessState state) {
        return processes.stream().anyMatch(p -> p.displayed().state() == state);
    }
}
