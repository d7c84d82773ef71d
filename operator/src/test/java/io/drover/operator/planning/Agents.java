package io.drover.operator.planning;

import io.drover.api.state.DesiredState;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Simulated node agents: every alive node acts at once on the assignments it has not acknowledged yet. A RUNNING
 * assignment gives RUNNING (or, per process, FATAL / an exit / a stuck STARTING / nothing at all); an adopt-only
 * one keeps a running copy and starts none; a STOPPED assignment stops the process.
 */
final class Agents {

    enum Behaviour { RUN, FATAL, EXIT_EXPECTED, EXIT_UNEXPECTED, STUCK_STARTING, SILENT }

    private final Map<String, Behaviour> behaviours = new HashMap<>();

    Agents with(String application, String process, Behaviour behaviour) {
        behaviours.put(application + ":" + process, behaviour);
        return this;
    }

    /** Processes of {@code application} whose name starts with {@code prefix} behave so. */
    Agents withPrefix(String application, String prefix, Behaviour behaviour) {
        behaviours.put(application + ":" + prefix + "*", behaviour);
        return this;
    }

    private Behaviour behaviour(String application, String process) {
        Behaviour exact = behaviours.get(application + ":" + process);
        if (exact != null) {
            return exact;
        }
        return behaviours.entrySet().stream()
                .filter(e -> e.getKey().endsWith("*") && (application + ":" + process).startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .map(Map.Entry::getValue).findFirst().orElse(Behaviour.RUN);
    }

    /** The snapshot once every agent acted; {@code now} is kept. */
    ClusterSnapshot act(ClusterSnapshot snapshot) {
        ClusterSnapshot.Builder builder = snapshot.toBuilder();
        boolean changed = false;
        for (var byProcess : snapshot.assignments().values()) {
            for (var byNode : byProcess.values()) {
                for (AssignmentRecord record : byNode.values()) {
                    if (!snapshot.isAlive(record.node())) {
                        continue;
                    }
                    String app = record.application();
                    String process = record.process();
                    ProcessStatus current = snapshot.observed(app).getOrDefault(process, Map.of()).get(record.node());
                    if (current != null && current.assignmentRevision() >= record.modRevision()) {
                        continue;
                    }
                    ProcessStatus next = react(record, current, behaviour(app, process), snapshot.now());
                    if (next != null) {
                        builder.observed(record.node(), app, process, next);
                        changed = true;
                    }
                }
            }
        }
        return changed ? builder.build() : snapshot;
    }

    private static ProcessStatus react(AssignmentRecord record, ProcessStatus current, Behaviour behaviour, Instant now) {
        long revision = record.modRevision();
        if (record.assignment().desired() == DesiredState.STOPPED) {
            ProcessState state = current == null || current.state().isStopped() ? (current == null ? ProcessState.STOPPED : current.state())
                    : ProcessState.STOPPED;
            return new ProcessStatus(state, null, current == null ? null : current.startTime(), now,
                    current == null ? null : current.exitCode(), current != null && current.expectedExit(), null, revision, now);
        }
        if (record.assignment().adoptOnly()) {
            // keeps a copy that runs, starts none
            return current != null && current.state().isRunning()
                    ? new ProcessStatus(current.state(), current.pid(), current.startTime(), null, null, false, null, revision, now)
                    : new ProcessStatus(ProcessState.STOPPED, null, null, null, null, true, null, revision, now);
        }
        return switch (behaviour) {
            case RUN -> new ProcessStatus(ProcessState.RUNNING, 100L, now, null, null, false, null, revision, now);
            case FATAL -> new ProcessStatus(ProcessState.FATAL, null, now, now, null, false, "spawn error", revision, now);
            case EXIT_EXPECTED -> new ProcessStatus(ProcessState.EXITED, null, now, now, 0, true, null, revision, now);
            case EXIT_UNEXPECTED -> new ProcessStatus(ProcessState.EXITED, null, now, now, 3, false, null, revision, now);
            case STUCK_STARTING -> new ProcessStatus(ProcessState.STARTING, 100L, now, null, null, false, null, revision, now);
            case SILENT -> null;
        };
    }
}
