package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a changed program definition to what runs, in start order: the running processes whose assignment
 * carries an older spec hash are assigned again with the new one (their node restarts them), the lowest stage first;
 * a stage waits while a process of an earlier stage is still (re)starting. Processes outside the start sequence come
 * last. Stopped processes keep their old hash: they get the new one when they are started.
 */
final class RollingUpdate {

    private RollingUpdate() {
    }

    static void step(AppContext context, PlanDraft draft) {
        List<ProcessView> stale = context.defined().stream().filter(p -> staleAssignment(context, p).isPresent()).toList();
        if (stale.isEmpty()) {
            return;
        }
        int stage = stale.stream().mapToInt(RollingUpdate::stage).min().orElseThrow();
        Optional<Instant> busyUntil = context.defined().stream()
                .filter(p -> stage(p) < stage)
                .map(p -> inProgressUntil(context, p))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        if (busyUntil.isPresent()) {
            draft.recheck(busyUntil.get());
            return;
        }
        for (ProcessView process : stale) {
            if (stage(process) != stage) {
                continue;
            }
            AssignmentRecord record = staleAssignment(context, process).orElseThrow();
            draft.put(process, record.node(), DesiredState.RUNNING, record.assignment().requestId(), "Updated",
                    "restart " + context.namespec(process.name()) + " on " + record.node() + " with its new definition ("
                            + record.assignment().specHash() + " -> " + process.definition().specHash() + ")");
            draft.recheck(context.now().plus(context.startBudget(process.definition())));
        }
    }

    private static Optional<AssignmentRecord> staleAssignment(AppContext context, ProcessView process) {
        return process.runningAssignment(context::alive)
                .filter(r -> context.alive(r.node()))
                .filter(r -> !Objects.equals(r.assignment().specHash(), process.definition().specHash()));
    }

    private static int stage(ProcessView process) {
        int sequence = process.definition().startSequence();
        return sequence > 0 ? sequence : Integer.MAX_VALUE;
    }

    /** Until when a process is still starting (or, with wait_exit, running toward its exit), if it is. */
    private static Optional<Instant> inProgressUntil(AppContext context, ProcessView process) {
        Optional<AssignmentRecord> running = process.runningAssignment(context::alive).filter(r -> context.alive(r.node()));
        if (running.isEmpty()) {
            return Optional.empty();
        }
        AssignmentRecord record = running.get();
        Instant deadline = context.startDeadline(record, process.definition());
        if (context.now().isAfter(deadline)) {
            return Optional.empty();
        }
        ProcessState state = process.observed(record.node()).map(ProcessStatus::state).orElse(null);
        boolean starting = !process.acknowledged(record) || state == ProcessState.STARTING || state == ProcessState.BACKOFF
                || (process.definition().waitExit() && state == ProcessState.RUNNING);
        return starting ? Optional.of(deadline) : Optional.empty();
    }
}
