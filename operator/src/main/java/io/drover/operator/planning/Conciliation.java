package io.drover.operator.planning;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.state.ConciliationRequest;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Conciliation of duplicates (Supvisors' conciliation strategies, reference §2.9): a process of a managed
 * application observed running on more than one alive node — after a partition heals with a copy left behind on the
 * node that came back, or an agent restart that adopted an old process. Acts only once the run's start sequence is
 * over, as Supvisors conciliates only when its Starter and Stopper are idle; each decision is level-triggered, read
 * again from the assignments it wrote:
 * <ul>
 *   <li>SENICIDE keeps the youngest copy, INFANTICIDE the oldest (by start time on their node), and stops the others;
 *       the copy kept becomes the one the process is assigned to;</li>
 *   <li>USER does nothing: the Conflict condition lists the copies until someone decides, in the application's intent
 *       ({@link ConciliationRequest}): the copy to keep, or a strategy, for the copies running when they decided;</li>
 *   <li>STOP stops every copy; RESTART stops every copy, then places and starts the process once;
 *       RUNNING_FAILURE stops every copy, then applies the process's running failure strategy (RESTART_PROCESS
 *       starts it once, RESTART_APPLICATION and STOP_APPLICATION act on the application, CONTINUE leaves it
 *       stopped).</li>
 * </ul>
 * Adopt-only assignments left on a node that came back without a copy are turned STOPPED.
 */
final class Conciliation {

    /** Tag suffix of the stops of RESTART: once they are done, the process starts again. */
    static final String RESTART_SUFFIX = "/conciliation-restart";
    /** Tag suffix of the stops of RUNNING_FAILURE: once they are done, the running failure strategy applies. */
    static final String FAILURE_SUFFIX = "/conciliation-failure";

    /** What the application as a whole must do after this step. */
    enum Follow {
        NONE, STOP_APPLICATION, RESTART_APPLICATION
    }

    record Outcome(Follow follow, List<String> causes) {
    }

    /** A copy of a process running on an alive node. */
    record Copy(String process, String node, Instant startTime, boolean assigned) {
    }

    private Conciliation() {
    }

    static Outcome step(AppContext context, PlanDraft draft, Run run) {
        List<ProcessView> toStartAgain = new ArrayList<>();
        List<String> stopCauses = new ArrayList<>();
        List<String> restartCauses = new ArrayList<>();
        boolean duplicates = false;
        boolean stillStopping = false;
        for (ProcessView process : context.defined()) {
            List<Copy> copies = copies(context, process);
            if (copies.size() > 1) {
                resolve(context, draft, run, process, copies);
                duplicates = true;
                continue;
            }
            stillStopping |= stopping(context, process, run);
            releaseEmptyHolds(context, draft, run, process, copies);
            Optional<String> pending = stoppedFor(context, process, run);
            if (pending.isEmpty()) {
                continue;
            }
            String namespec = context.namespec(process.name());
            if (pending.get().equals(RESTART_SUFFIX)) {
                toStartAgain.add(process);
                continue;
            }
            RunningFailureStrategy strategy = process.definition().rules().runningFailureStrategy();
            switch (strategy) {
                case RESTART_PROCESS -> toStartAgain.add(process);
                case RESTART_APPLICATION -> restartCauses.add("duplicates of " + namespec + " stopped (RUNNING_FAILURE)");
                case STOP_APPLICATION -> stopCauses.add("duplicates of " + namespec + " stopped (RUNNING_FAILURE)");
                default -> {
                }
            }
        }
        if (!stopCauses.isEmpty()) {
            return new Outcome(Follow.STOP_APPLICATION, stopCauses);
        }
        if (!restartCauses.isEmpty()) {
            return new Outcome(Follow.RESTART_APPLICATION, restartCauses);
        }
        if (!toStartAgain.isEmpty() && !stillStopping) {
            // every copy asked to stop is down: placing now cannot bind to a node about to be emptied
            ManagedRuns.placeAgain(context, draft, run, toStartAgain, "after its duplicates were stopped");
        }
        if (!duplicates && toStartAgain.isEmpty() && !stillStopping) {
            resolveSpread(context, draft, run);
        }
        return new Outcome(Follow.NONE, List.of());
    }

    /**
     * A SINGLE_INSTANCE application running on several nodes (SINGLE_NODE: several hosts), each process once — a
     * user's per-process decision, or a program started by hand: the strategy brings it back to one node. SENICIDE and
     * INFANTICIDE keep the node of the youngest or oldest copy and start the others again there; STOP stops everything;
     * RESTART and RUNNING_FAILURE stop everything, then start it again (RUNNING_FAILURE through each process's
     * running failure strategy); USER reports it (Conflict condition).
     */
    private static void resolveSpread(AppContext context, PlanDraft draft, Run run) {
        Distribution distribution = context.definition().rules().distribution();
        if (distribution == Distribution.ALL_INSTANCES) {
            return;
        }
        Map<String, List<Copy>> byPlace = spread(context);
        if (byPlace.size() < 2) {
            return;
        }
        ConciliationStrategy strategy = context.conciliationStrategy();
        String message = context.name() + " (" + distribution + ") runs on " + byPlace.keySet() + ": " + strategy;
        switch (strategy) {
            case USER -> {
            }
            case STOP -> context.defined().forEach(p -> stopEverywhere(context, draft, p, copies(context, p), run.stopTag(),
                    message + " stops the application"));
            case RESTART -> context.defined().forEach(p -> stopEverywhere(context, draft, p, copies(context, p),
                    run.id() + RESTART_SUFFIX, message + " stops the application, then starts it on one node"));
            case RUNNING_FAILURE -> context.defined().forEach(p -> stopEverywhere(context, draft, p, copies(context, p),
                    run.id() + FAILURE_SUFFIX, message + " stops the application, then applies its running failure strategies"));
            case SENICIDE, INFANTICIDE -> {
                boolean youngest = strategy == ConciliationStrategy.SENICIDE;
                Comparator<Map.Entry<String, List<Copy>>> byStart = Comparator.comparing(e -> e.getValue().stream()
                        .map(c -> c.startTime() == null ? Instant.EPOCH : c.startTime())
                        .max(Comparator.naturalOrder()).orElse(Instant.EPOCH));
                String kept = (youngest ? byPlace.entrySet().stream().max(byStart) : byPlace.entrySet().stream().min(byStart))
                        .orElseThrow().getKey();
                for (ProcessView process : context.defined()) {
                    List<Copy> copies = copies(context, process);
                    Optional<Copy> there = copies.stream().filter(c -> place(context, distribution, c.node()).equals(kept))
                            .findFirst();
                    if (there.isPresent()) {
                        // the copy kept becomes the assigned one, so that placement binds the others to its node
                        keep(context, draft, run, process, copies, there.get(), message + " keeps the copies on " + kept);
                    } else {
                        stopEverywhere(context, draft, process, copies, run.id() + RESTART_SUFFIX, message + " keeps the "
                                + (youngest ? "youngest" : "oldest") + " copies, on " + kept + ", and starts the others"
                                + " again there");
                    }
                }
            }
        }
    }

    /** Running copies of the application by node (SINGLE_NODE: by host). */
    static Map<String, List<Copy>> spread(AppContext context) {
        Distribution distribution = context.definition().rules().distribution();
        Map<String, List<Copy>> byPlace = new TreeMap<>();
        for (ProcessView process : context.defined()) {
            for (Copy copy : copies(context, process)) {
                byPlace.computeIfAbsent(place(context, distribution, copy.node()), k -> new ArrayList<>()).add(copy);
            }
        }
        return byPlace;
    }

    private static String place(AppContext context, Distribution distribution, String node) {
        return distribution == Distribution.SINGLE_NODE
                ? context.aliveNodes().stream().filter(n -> n.nodeId().equals(node)).map(n -> n.hostId()).findFirst().orElse(node)
                : node;
    }

    /** Whether a conciliation stop of this run is still under way for the process. */
    private static boolean stopping(AppContext context, ProcessView process, Run run) {
        return process.assignments().stream().anyMatch(r -> r.assignment().desired() == DesiredState.STOPPED
                && (tagIs(r, run.id() + RESTART_SUFFIX) || tagIs(r, run.id() + FAILURE_SUFFIX))
                && process.mayStillRun(r, context.alive(r.node())));
    }

    private static boolean tagIs(AssignmentRecord record, String tag) {
        return tag.equals(record.assignment().requestId());
    }

    static List<Copy> copies(AppContext context, ProcessView process) {
        List<Copy> copies = new ArrayList<>();
        for (String node : process.nodes()) {
            if (!context.alive(node)) {
                continue;
            }
            Optional<ProcessStatus> observed = process.observed(node);
            if (observed.isPresent() && observed.get().state().isRunning()) {
                boolean assigned = process.assignment(node).map(r -> r.assignment().startsOnNode()).orElse(false);
                copies.add(new Copy(process.name(), node, observed.get().startTime(), assigned));
            }
        }
        return copies;
    }

    private static void resolve(AppContext context, PlanDraft draft, Run run, ProcessView process, List<Copy> copies) {
        ConciliationStrategy strategy = context.conciliationStrategy();
        String namespec = context.namespec(process.name());
        String where = copies.stream().map(Copy::node).sorted().toList().toString();
        if (strategy == ConciliationStrategy.USER) {
            Optional<ConciliationRequest> decision = userDecision(context, copies);
            if (decision.isEmpty()) {
                return; // reported by the Conflict condition until someone decides
            }
            String node = decision.get().keep().get(process.name());
            Optional<Copy> chosen = copies.stream().filter(c -> c.node().equals(node)).findFirst();
            if (chosen.isPresent()) {
                keep(context, draft, run, process, copies, chosen.get(), namespec + " runs on " + where + ": the user keeps"
                        + " the copy on " + node + " (request '" + decision.get().requestId() + "')");
                return;
            }
            if (decision.get().strategy() == null || decision.get().strategy() == ConciliationStrategy.USER) {
                return;
            }
            strategy = decision.get().strategy();
            where = where + " (strategy chosen by request '" + decision.get().requestId() + "')";
        }
        switch (strategy) {
            case SENICIDE, INFANTICIDE -> {
                boolean youngest = strategy == ConciliationStrategy.SENICIDE;
                Comparator<Copy> byStart = Comparator.comparing((Copy c) -> c.startTime() == null ? Instant.EPOCH : c.startTime());
                // on equal start times, the copy already assigned is kept
                Copy kept = youngest ? copies.stream().max(byStart.thenComparing(Copy::assigned)).orElseThrow()
                        : copies.stream().min(byStart.thenComparing(c -> !c.assigned())).orElseThrow();
                keep(context, draft, run, process, copies, kept, namespec + " runs on " + where + ": " + strategy
                        + " keeps the " + (youngest ? "youngest" : "oldest") + " copy, on " + kept.node() + age(context, kept));
            }
            case STOP -> stopEverywhere(context, draft, process, copies, run.stopTag(),
                    namespec + " runs on " + where + ": STOP stops every copy");
            case RESTART -> stopEverywhere(context, draft, process, copies, run.id() + RESTART_SUFFIX,
                    namespec + " runs on " + where + ": RESTART stops every copy, then starts it once");
            case RUNNING_FAILURE -> stopEverywhere(context, draft, process, copies, run.id() + FAILURE_SUFFIX,
                    namespec + " runs on " + where + ": RUNNING_FAILURE stops every copy, then applies "
                            + process.definition().rules().runningFailureStrategy());
            case USER -> {
            }
        }
    }

    /** The user's decision, when it was made after every copy started (a decision is about the copies it saw). */
    private static Optional<ConciliationRequest> userDecision(AppContext context, List<Copy> copies) {
        return context.intent().map(Intent::conciliation).filter(decision -> copies.stream()
                .allMatch(c -> c.startTime() == null || !c.startTime().isAfter(decision.requestedAt())));
    }

    /** Keeps {@code kept}, which becomes the assigned copy, and stops every other one. */
    private static void keep(AppContext context, PlanDraft draft, Run run, ProcessView process, List<Copy> copies, Copy kept,
                             String message) {
        if (!kept.assigned()) {
            draft.put(process, kept.node(), DesiredState.RUNNING, run.id(), "Conciliated", message);
        }
        for (AssignmentRecord other : process.assignments()) {
            if (!other.node().equals(kept.node()) && other.assignment().desired() == DesiredState.RUNNING) {
                draft.put(process, other.node(), DesiredState.STOPPED, run.stopTag(), "Conciliated", message);
            }
        }
        for (Copy copy : copies) {
            if (!copy.node().equals(kept.node()) && process.assignment(copy.node()).isEmpty()) {
                draft.put(process, copy.node(), DesiredState.STOPPED, run.stopTag(), "Conciliated", message);
            }
        }
    }

    private static void stopEverywhere(AppContext context, PlanDraft draft, ProcessView process, List<Copy> copies,
                                       String tag, String message) {
        for (AssignmentRecord record : process.assignments()) {
            if (record.assignment().desired() == DesiredState.RUNNING) {
                draft.put(process, record.node(), DesiredState.STOPPED, tag, "Conciliated", message);
            }
        }
        for (Copy copy : copies) {
            if (process.assignment(copy.node()).isEmpty()) {
                draft.put(process, copy.node(), DesiredState.STOPPED, tag, "Conciliated", message);
            }
        }
    }

    /**
     * A node that came back without a copy: its adopt-only assignment has nothing left to keep, and goes — with the
     * state its node reports for it, which would otherwise stand for the process (a STOPPED newer than the EXITED of
     * the copy that did its work elsewhere).
     */
    private static void releaseEmptyHolds(AppContext context, PlanDraft draft, Run run, ProcessView process, List<Copy> copies) {
        for (AssignmentRecord held : process.heldAssignments()) {
            boolean runsThere = copies.stream().anyMatch(c -> c.node().equals(held.node()));
            if (context.alive(held.node()) && process.acknowledged(held) && !runsThere) {
                draft.delete(process, held.node(), context.namespec(process.name()) + " no longer runs on "
                        + held.node() + ", which came back: its held assignment is released");
            }
        }
    }

    /**
     * The suffix of the conciliation stop the process waits on, once every copy is stopped: its assignments are all
     * STOPPED, the latest with a conciliation tag of this run, and no alive node runs it.
     */
    private static Optional<String> stoppedFor(AppContext context, ProcessView process, Run run) {
        List<AssignmentRecord> assignments = process.assignments();
        if (assignments.isEmpty() || assignments.stream().anyMatch(r -> r.assignment().desired() == DesiredState.RUNNING)) {
            return Optional.empty();
        }
        AssignmentRecord latest = assignments.stream().max(Comparator.comparingLong(AssignmentRecord::modRevision)).orElseThrow();
        String tag = latest.assignment().requestId();
        Optional<String> suffix = tag == null ? Optional.empty()
                : tag.equals(run.id() + RESTART_SUFFIX) ? Optional.of(RESTART_SUFFIX)
                : tag.equals(run.id() + FAILURE_SUFFIX) ? Optional.of(FAILURE_SUFFIX) : Optional.empty();
        if (suffix.isEmpty()) {
            return Optional.empty();
        }
        boolean allDown = assignments.stream().noneMatch(r -> process.mayStillRun(r, context.alive(r.node())));
        return allDown ? suffix : Optional.empty();
    }

    private static String age(AppContext context, Copy copy) {
        if (copy.startTime() == null) {
            return "";
        }
        return " (up " + Duration.between(copy.startTime(), context.now()).toSeconds() + " s)";
    }
}
