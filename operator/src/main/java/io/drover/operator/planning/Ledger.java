package io.drover.operator.planning;

import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import io.drover.api.state.ConditionStatus;
import io.drover.operator.status.ConditionDraft;
import io.drover.operator.status.StatusComposer;
import java.util.Optional;
import java.util.Set;

/**
 * The two status conditions that double as the operator's memory, written in the same fenced transaction as the
 * assignments they explain:
 * <ul>
 *   <li>{@value #REQUEST}: the last user request handled, TRUE when accepted, FALSE when refused; its message starts
 *       with {@code request '<id>'};</li>
 *   <li>{@value #SEQUENCE}: the current run and where its sequence is, FALSE while it goes on, TRUE once it is over
 *       (started, aborted, stopped...); its message starts with {@code run '<id>':}.</li>
 * </ul>
 * The other conditions ({@value #PLACED}, {@value #OPERATIONAL}, {@value #CONFLICT}) only report.
 */
final class Ledger {

    static final String REQUEST = "Request";
    static final String SEQUENCE = "Sequence";
    static final String PLACED = "Placed";
    static final String OPERATIONAL = "Operational";
    static final String CONFLICT = "Conflict";

    // Sequence reasons
    static final String STARTING = "Starting";
    static final String RESTARTING = "Restarting";
    static final String STOPPING = "Stopping";
    static final String WAITING_FOR_ORDER = "WaitingForOrder";
    static final String WAITING_FOR_NODES = "WaitingForNodes";
    static final String STARTED = "Started";
    static final String STARTED_WITH_FAILURES = "StartedWithFailures";
    static final String STARTED_WITH_REQUIRED_FAILURES = "StartedWithRequiredFailures";
    static final String START_ABORTED = "StartAborted";
    static final String STOPPED_AFTER_START_FAILURE = "StoppedAfterStartFailure";
    static final String STOPPED_ON_FAILURE = "StoppedOnFailure";
    static final String RESTART_BUDGET_EXHAUSTED = "RestartBudgetExhausted";
    static final String RESTART_PENDING = "RestartPending";
    static final String STOPPED = "Stopped";
    static final String NOT_STARTED = "NotStarted";
    static final String UNMANAGED = "Unmanaged";
    static final String DELETING = "Deleting";

    /** Reasons of a run that ended with the application stopped: nothing of it starts again. */
    static final Set<String> ENDED = Set.of(STOPPED_AFTER_START_FAILURE, STOPPED_ON_FAILURE, RESTART_BUDGET_EXHAUSTED);
    /** Reasons of a run whose start failed on a required process: a major failure until another run. */
    static final Set<String> START_FAILED = Set.of(START_ABORTED, STOPPED_AFTER_START_FAILURE, STARTED_WITH_REQUIRED_FAILURES);

    private Ledger() {
    }

    /** Whether request {@code id} was handled: accepted (true), refused (false) or not yet (empty). */
    static Optional<Boolean> requestOutcome(ApplicationStatus status, String id) {
        return StatusComposer.find(status, REQUEST)
                .filter(c -> c.message() != null && c.message().startsWith(requestPrefix(id)))
                .map(c -> c.status() == ConditionStatus.TRUE);
    }

    static ConditionDraft requestAccepted(String id, String what) {
        return new ConditionDraft(REQUEST, ConditionStatus.TRUE, "Accepted", requestPrefix(id) + "accepted: " + what);
    }

    static ConditionDraft requestRefused(String id, String why) {
        return new ConditionDraft(REQUEST, ConditionStatus.FALSE, "Refused", requestPrefix(id) + "refused: " + why);
    }

    private static String requestPrefix(String id) {
        return "request '" + id + "' ";
    }

    /** The run the status records, if any. */
    record RecordedRun(String id, String reason, boolean settled) {
    }

    static Optional<RecordedRun> run(ApplicationStatus status) {
        Optional<Condition> sequence = StatusComposer.find(status, SEQUENCE);
        if (sequence.isEmpty() || sequence.get().message() == null || !sequence.get().message().startsWith("run '")) {
            return Optional.empty();
        }
        String message = sequence.get().message();
        int end = message.indexOf("':", 5);
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(new RecordedRun(message.substring(5, end), sequence.get().reason(),
                sequence.get().status() == ConditionStatus.TRUE));
    }

    static ConditionDraft sequence(String runId, boolean settled, String reason, String text) {
        return new ConditionDraft(SEQUENCE, settled ? ConditionStatus.TRUE : ConditionStatus.FALSE, reason,
                runId == null ? text : "run '" + runId + "': " + text);
    }

    static Optional<ConditionDraft> previous(ApplicationStatus status, String type) {
        return StatusComposer.find(status, type)
                .map(c -> new ConditionDraft(c.type(), c.status(), c.reason(), c.message()));
    }
}
