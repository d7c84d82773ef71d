package io.drover.operator.sequencing;

import java.time.Instant;

/**
 * Classifies one process for the start of a run (Supvisors' {@code ProcessStartCommand.on_event}, with drover's
 * deadlines):
 * <ul>
 *   <li>RUNNING is done, unless the program has wait_exit: then only an EXITED with an expected code is;</li>
 *   <li>EXITED without wait_exit is done too: Supervisor only reports EXITED after RUNNING, so the start succeeded
 *       and the exit is a running failure, handled once the sequence is over;</li>
 *   <li>STARTING and BACKOFF, or no answer from the node yet, are in progress until the deadline, then failed;</li>
 *   <li>FATAL, STOPPED, STOPPING, UNKNOWN and an unexpected wait_exit exit are failures;</li>
 *   <li>an assignment on a lost node is a failure; on an unreachable node (grace period) it waits.</li>
 * </ul>
 * A copy started by an <em>older</em> run that is running counts as done (Supvisors skips running processes); one
 * that failed is simply asked for again by this run (NOT_REQUESTED).
 */
public final class StartProgressRules {

    private StartProgressRules() {
    }

    public static StartCheck classify(StartFacts facts, Instant now) {
        if (!facts.assigned()) {
            return StartCheck.notRequested("not requested yet");
        }
        if (facts.staleSpec()) {
            return StartCheck.notRequested("its spec changed");
        }
        String on = " on " + facts.nodeId();
        switch (facts.node()) {
            case LOST:
                return failure(facts, "node " + facts.nodeId() + " lost");
            case UNREACHABLE:
                return facts.ownRun()
                        ? inProgressUntilDeadline(facts, now, "node " + facts.nodeId() + " unreachable",
                                "node " + facts.nodeId() + " unreachable past the start deadline")
                        : StartCheck.done("node " + facts.nodeId() + " unreachable; assumed still running");
            default:
                break;
        }
        if (!facts.acknowledged()) {
            return inProgressUntilDeadline(facts, now, "waiting for node " + facts.nodeId(),
                    "node " + facts.nodeId() + " did not act on the assignment before the deadline");
        }
        if (facts.state() == null) {
            return inProgressUntilDeadline(facts, now, "waiting for a state from node " + facts.nodeId(),
                    "no state reported" + on + " before the deadline");
        }
        return switch (facts.state()) {
            case RUNNING -> facts.waitExit() && facts.ownRun()
                    ? inProgressUntilDeadline(facts, now, "running" + on + ", waiting for its exit (wait_exit)",
                            "did not exit before the deadline (wait_exit)" + on)
                    : StartCheck.done("running" + on);
            case STARTING, BACKOFF -> inProgressUntilDeadline(facts, now, facts.state() + on,
                    "still " + facts.state() + on + " at the start deadline");
            case EXITED -> !facts.waitExit() || facts.expectedExit()
                    ? StartCheck.done(facts.waitExit() ? "exited as expected" + on : "reached RUNNING then exited" + on)
                    : failure(facts, "exited with an unexpected code" + on);
            case FATAL -> failure(facts, "FATAL" + on + (facts.spawnError() == null ? "" : ": " + facts.spawnError()));
            case STOPPED, STOPPING, UNKNOWN -> failure(facts, facts.state() + on + " instead of starting");
        };
    }

    private static StartCheck inProgressUntilDeadline(StartFacts facts, Instant now, String waiting, String expired) {
        if (facts.deadline() == null || now.isAfter(facts.deadline())) {
            return failure(facts, expired);
        }
        return StartCheck.inProgress(waiting, facts.deadline());
    }

    /** A failure of this run's request is final for the run; an older run's failed copy is simply asked for again. */
    private static StartCheck failure(StartFacts facts, String reason) {
        return facts.ownRun() ? StartCheck.failed(reason) : StartCheck.notRequested(reason);
    }
}
