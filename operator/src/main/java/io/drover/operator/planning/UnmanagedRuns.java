package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.placement.CandidateNodes;
import io.drover.operator.sequencing.StopOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * An unmanaged application (no rule matches it): as Supervisor does on its own, every program with autostart runs
 * on every alive node whose configuration defines it, with no sequence, no load check and no failure. A STOP
 * request stops it all, a RESTART stops it all and runs it again, and a changed definition restarts the copies it
 * concerns.
 */
final class UnmanagedRuns {

    private UnmanagedRuns() {
    }

    static RunReport step(AppContext context, PlanDraft draft, Run run) {
        if (run.kind() == Run.Kind.STOP) {
            StopOutcome stop = StopPhase.run(context, draft, context.processes(), a -> false, run.id(), "stop '" + run.id() + "'");
            return new RunReport(stop.done() ? Ledger.sequence(run.id(), true, Ledger.STOPPED, "stopped")
                    : Ledger.sequence(run.id(), false, Ledger.STOPPING, "stopping: " + StopPhase.waitingOn(stop)));
        }
        if (run.restarts()) {
            StopOutcome stop = StopPhase.run(context, draft, context.processes(),
                    a -> a.assignment().desired() == DesiredState.RUNNING && run.isTag(a.assignment().requestId()),
                    run.stopTag(), "restart '" + run.id() + "'");
            if (!stop.done()) {
                return new RunReport(Ledger.sequence(run.id(), false, Ledger.RESTARTING,
                        "stopping before the restart: " + StopPhase.waitingOn(stop)));
            }
        }
        for (ProcessView process : context.defined()) {
            if (!process.definition().autostart()) {
                continue;
            }
            for (NodeInfo node : context.aliveNodes()) {
                if (CandidateNodes.defines(node, process.definition().definedOn())) {
                    runOn(context, draft, run, process, node.nodeId());
                }
            }
        }
        return new RunReport(Ledger.sequence(run.id(), true, Ledger.UNMANAGED,
                "unmanaged: autostart programs run on every node that defines them"));
    }

    private static void runOn(AppContext context, PlanDraft draft, Run run, ProcessView process, String node) {
        Optional<AssignmentRecord> existing = process.assignment(node);
        String namespec = context.namespec(process.name());
        if (existing.isEmpty() || existing.get().assignment().desired() == DesiredState.STOPPED) {
            if (existing.isPresent() && run.isTag(existing.get().assignment().requestId())) {
                return;
            }
            draft.put(process, node, DesiredState.RUNNING, run.id(), "Placed", "start " + namespec + " on " + node
                    + " (unmanaged: autostart on every node that defines it)");
            return;
        }
        AssignmentRecord record = existing.get();
        if (!Objects.equals(record.assignment().specHash(), process.definition().specHash())) {
            draft.put(process, node, DesiredState.RUNNING, record.assignment().requestId(), "Updated",
                    "restart " + namespec + " on " + node + " with its new definition");
            return;
        }
        boolean failed = process.acknowledged(record) && process.observed(node).map(ProcessStatus::state)
                .map(s -> s.isStopped()).orElse(false);
        if (failed && !run.isTag(record.assignment().requestId())) {
            draft.put(process, node, DesiredState.RUNNING, run.id(), "Placed", "start " + namespec + " on " + node
                    + " again (run '" + run.id() + "')");
        }
    }
}
