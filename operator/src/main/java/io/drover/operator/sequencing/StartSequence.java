package io.drover.operator.sequencing;

import io.drover.api.model.StartingFailureStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One step of an application's start sequence (Supvisors' {@code ApplicationStartJobs}): stages in ascending
 * start_sequence; a stage's processes are requested together; the next stage starts when every process of the
 * current one is done or failed. A required failure applies the process's starting_failure_strategy (STOP over
 * ABORT over CONTINUE when several fail together): ABORT requests no further stage, STOP also stops the
 * application; non-required failures never stop the sequence.
 *
 * <p>Stages below the highest stage this run has already requested are history: their outcome was decided when
 * the sequence went past them, and a process of theirs that fails now is a running failure for later, not a reason
 * to abort a sequence that already moved on.
 */
public final class StartSequence {

    /** Requests processes of the current stage: each gets IN_PROGRESS (placed, with its deadline) or FAILED (why not). */
    @FunctionalInterface
    public interface Requester {
        Map<String, StartCheck> request(List<StageMember> members);
    }

    private StartSequence() {
    }

    public static StartOutcome advance(List<StageMember> members, Requester requester) {
        List<StageMember> current = new ArrayList<>(members.stream().filter(m -> m.stage() > 0).toList());
        int history = current.stream().filter(StageMember::requestedInRun).mapToInt(StageMember::stage).max().orElse(0);
        TreeSet<Integer> stages = new TreeSet<>();
        current.forEach(m -> stages.add(m.stage()));

        for (int stage : stages) {
            if (stage < history) {
                continue;
            }
            List<StageMember> toRequest = current.stream()
                    .filter(m -> m.stage() == stage && m.progress() == StartProgress.NOT_REQUESTED).toList();
            if (!toRequest.isEmpty()) {
                Map<String, StartCheck> answers = requester.request(toRequest);
                current.replaceAll(m -> answers.containsKey(m.process()) ? m.withCheck(answers.get(m.process())) : m);
            }
            List<StageMember> inStage = current.stream().filter(m -> m.stage() == stage).toList();
            List<StageMember> waiting = inStage.stream().filter(m -> m.progress() == StartProgress.IN_PROGRESS).toList();
            if (!waiting.isEmpty()) {
                return new StartOutcome(StartOutcome.Kind.WAITING, stage, waiting, failuresUpTo(current, stage),
                        List.of(), earliestDeadline(waiting));
            }
            List<StageMember> decisive = inStage.stream()
                    .filter(m -> m.progress() == StartProgress.FAILED && m.required()).toList();
            StartingFailureStrategy strategy = strongest(decisive);
            if (strategy == StartingFailureStrategy.STOP) {
                return new StartOutcome(StartOutcome.Kind.STOP_REQUESTED, stage, List.of(), failuresUpTo(current, stage),
                        decisive, Optional.empty());
            }
            if (strategy == StartingFailureStrategy.ABORT) {
                return new StartOutcome(StartOutcome.Kind.ABORTED, stage, List.of(), failuresUpTo(current, stage),
                        decisive, Optional.empty());
            }
        }
        int last = stages.isEmpty() ? 0 : stages.last();
        return new StartOutcome(StartOutcome.Kind.COMPLETED, last, List.of(), failuresUpTo(current, last), List.of(),
                Optional.empty());
    }

    /** STOP prevails over ABORT, which prevails over CONTINUE; null when nothing decisive failed. */
    private static StartingFailureStrategy strongest(List<StageMember> decisive) {
        if (decisive.isEmpty()) {
            return null;
        }
        List<StartingFailureStrategy> strategies = decisive.stream().map(StageMember::onFailure)
                .map(s -> s == null ? StartingFailureStrategy.ABORT : s).toList();
        if (strategies.contains(StartingFailureStrategy.STOP)) {
            return StartingFailureStrategy.STOP;
        }
        return strategies.contains(StartingFailureStrategy.ABORT) ? StartingFailureStrategy.ABORT : StartingFailureStrategy.CONTINUE;
    }

    private static List<StageMember> failuresUpTo(List<StageMember> members, int stage) {
        return members.stream().filter(m -> m.stage() <= stage && m.progress() == StartProgress.FAILED)
                .sorted(Comparator.comparingInt(StageMember::stage).thenComparing(StageMember::process)).toList();
    }

    private static Optional<Instant> earliestDeadline(List<StageMember> waiting) {
        return waiting.stream().map(m -> m.check().deadline()).filter(Objects::nonNull).min(Comparator.naturalOrder());
    }
}
