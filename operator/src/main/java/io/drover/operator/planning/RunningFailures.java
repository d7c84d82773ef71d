package io.drover.operator.planning;

import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Supvisors' running failure strategies, once a run's start sequence is over (Supvisors defers them while an
 * application is starting or stopping). Two triggers, kept apart as in Supvisors:
 * <ul>
 *   <li>a <b>crash</b> on a live node (EXITED with an unexpected code, wait_exit programs excepted: their exit is the
 *       start's business): STOP_APPLICATION stops the application, RESTART_APPLICATION restarts it; CONTINUE and
 *       RESTART_PROCESS do nothing (Supervisor's autorestart is the process's own business);</li>
 *   <li>a <b>lost node</b> (once node loss may be acted on): RESTART_PROCESS starts the process elsewhere (promoted to
 *       RESTART_APPLICATION when nothing of the application runs any more and the process is start-sequenced),
 *       STOP_APPLICATION and RESTART_APPLICATION act on the application, CONTINUE does nothing.</li>
 * </ul>
 * Across the processes of the application: STOP_APPLICATION over RESTART_APPLICATION over RESTART_PROCESS. SHUTDOWN
 * and RESTART act on the whole system on a crash ({@link SystemRuns}) and come first; on a node loss they do nothing,
 * as in Supvisors (no branch for them in its job handler).
 * FATAL is not a crash: Supervisor only reaches it while starting, and a process whose strategy acts on the
 * application has its autorestart turned off, as Supvisors turns it off.
 */
final class RunningFailures {

    enum Kind {
        NONE, RELOCATE, STOP_APPLICATION, RESTART_APPLICATION, SHUTDOWN, RESTART
    }

    record Decision(Kind kind, List<String> causes, List<ProcessView> relocate) {
    }

    private RunningFailures() {
    }

    static Decision evaluate(AppContext context) {
        List<String> stop = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        List<String> shutdownAll = new ArrayList<>();
        List<String> restartAll = new ArrayList<>();
        List<ProcessView> relocate = new ArrayList<>();
        List<String> relocateCauses = new ArrayList<>();
        for (ProcessView process : context.defined()) {
            Optional<AssignmentRecord> running = process.runningAssignment(context::alive);
            if (running.isEmpty()) {
                continue;
            }
            AssignmentRecord record = running.get();
            RunningFailureStrategy strategy = process.definition().rules().runningFailureStrategy();
            String namespec = context.namespec(process.name());
            if (context.alive(record.node())) {
                if (crashed(process, record)) {
                    String cause = namespec + " crashed on " + record.node();
                    switch (strategy) {
                        case STOP_APPLICATION -> stop.add(cause);
                        case RESTART_APPLICATION -> restart.add(cause);
                        case SHUTDOWN -> shutdownAll.add(cause + " (SHUTDOWN)");
                        case RESTART -> restartAll.add(cause + " (RESTART)");
                        default -> {
                        }
                    }
                }
            } else if (context.snapshot().nodeLossHandlingAllowed()) {
                String cause = "node " + record.node() + " of " + namespec + " lost";
                switch (strategy) {
                    case STOP_APPLICATION -> stop.add(cause);
                    case RESTART_APPLICATION -> restart.add(cause);
                    case RESTART_PROCESS -> {
                        relocate.add(process);
                        relocateCauses.add(cause);
                    }
                    default -> {
                    }
                }
            }
        }
        // SHUTDOWN and RESTART act on the whole system at once, as Supvisors enters SHUTTING_DOWN or RESTARTING
        if (!shutdownAll.isEmpty()) {
            return new Decision(Kind.SHUTDOWN, shutdownAll, List.of());
        }
        if (!restartAll.isEmpty()) {
            return new Decision(Kind.RESTART, restartAll, List.of());
        }
        if (!stop.isEmpty()) {
            return new Decision(Kind.STOP_APPLICATION, stop, List.of());
        }
        if (!restart.isEmpty()) {
            return new Decision(Kind.RESTART_APPLICATION, restart, List.of());
        }
        if (!relocate.isEmpty()) {
            boolean nothingRuns = context.defined().stream().noneMatch(p -> runsOnAliveNode(context, p));
            boolean sequenced = relocate.stream().anyMatch(p -> p.definition().startSequence() > 0);
            if (nothingRuns && sequenced) {
                return new Decision(Kind.RESTART_APPLICATION, relocateCauses, List.of());
            }
            return new Decision(Kind.RELOCATE, relocateCauses, relocate);
        }
        return new Decision(Kind.NONE, List.of(), List.of());
    }

    private static boolean crashed(ProcessView process, AssignmentRecord record) {
        if (!process.acknowledged(record) || process.definition().waitExit()) {
            return false;
        }
        Optional<ProcessStatus> status = process.observed(record.node());
        return status.map(s -> s.state() == ProcessState.EXITED && !s.expectedExit()).orElse(false);
    }

    private static boolean runsOnAliveNode(AppContext context, ProcessView process) {
        return process.nodes().stream().filter(context::alive)
                .anyMatch(node -> process.observed(node).map(s -> s.state().isRunning()).orElse(false));
    }
}
