package io.drover.operator.planning;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Intent;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.sequencing.NodeHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The application being planned: its definition, its processes with their assignments and states, and the cluster. */
final class AppContext {

    private final String name;
    private final ApplicationDefinition definition;
    private final Map<String, ProcessView> processes;
    private final ClusterSnapshot snapshot;
    private final PlannerSettings settings;

    private AppContext(String name, ApplicationDefinition definition, Map<String, ProcessView> processes,
                       ClusterSnapshot snapshot, PlannerSettings settings) {
        this.name = name;
        this.definition = definition;
        this.processes = processes;
        this.snapshot = snapshot;
        this.settings = settings;
    }

    static AppContext of(String application, ClusterSnapshot snapshot, PlannerSettings settings) {
        ApplicationDefinition definition = snapshot.application(application).orElse(null);
        Map<String, Map<String, AssignmentRecord>> assignments = snapshot.assignments(application);
        Map<String, Map<String, ProcessStatus>> observed = snapshot.observed(application);
        Map<String, ProcessView> processes = new LinkedHashMap<>();
        if (definition != null) {
            for (ProcessDefinition process : definition.processes()) {
                processes.put(process.name(), new ProcessView(process.name(), process,
                        assignments.getOrDefault(process.name(), Map.of()), observed.getOrDefault(process.name(), Map.of())));
            }
        }
        TreeSet<String> leftovers = new TreeSet<>(assignments.keySet());
        leftovers.addAll(observed.keySet());
        for (String process : leftovers) {
            processes.computeIfAbsent(process, p -> new ProcessView(p, null,
                    assignments.getOrDefault(p, Map.of()), observed.getOrDefault(p, Map.of())));
        }
        return new AppContext(application, definition, processes, snapshot, settings);
    }

    String name() {
        return name;
    }

    /** Null when the application has been deleted. */
    ApplicationDefinition definition() {
        return definition;
    }

    boolean managed() {
        return definition != null && definition.managed();
    }

    List<ProcessView> processes() {
        return List.copyOf(processes.values());
    }

    /** Processes of the current definition, in definition order. */
    List<ProcessView> defined() {
        return processes.values().stream().filter(ProcessView::defined).toList();
    }

    /** Processes that have assignments or states but are no longer defined. */
    List<ProcessView> leftovers() {
        return processes.values().stream().filter(p -> !p.defined()).toList();
    }

    Optional<ProcessView> process(String processName) {
        return Optional.ofNullable(processes.get(processName));
    }

    Optional<Intent> intent() {
        return snapshot.intent(name);
    }

    ApplicationStatus status() {
        return snapshot.status(name).orElse(null);
    }

    ClusterSnapshot snapshot() {
        return snapshot;
    }

    PlannerSettings settings() {
        return settings;
    }

    /** How this application's duplicates are resolved: its rules', else the operator's default. */
    ConciliationStrategy conciliationStrategy() {
        ConciliationStrategy own = definition == null ? null : definition.rules().conciliationStrategy();
        return own != null ? own : settings.conciliation();
    }

    Instant now() {
        return snapshot.now();
    }

    List<NodeInfo> aliveNodes() {
        return snapshot.nodes();
    }

    boolean alive(String node) {
        return snapshot.isAlive(node);
    }

    NodeHealth health(String node) {
        if (snapshot.isAlive(node)) {
            return NodeHealth.ALIVE;
        }
        return snapshot.nodeLossHandlingAllowed() ? NodeHealth.LOST : NodeHealth.UNREACHABLE;
    }

    String namespec(String process) {
        return name + ":" + process;
    }

    Duration startBudget(ProcessDefinition process) {
        return settings.deadlines().startBudget(process.startSecs(), process.startRetries(), process.waitExit());
    }

    Duration stopBudget(ProcessView process) {
        int stopWait = process.defined() ? process.definition().stopWaitSecs()
                : io.drover.api.supervisor.program.SupervisorDefaults.STOP_WAIT_SECS;
        return settings.deadlines().stopBudget(stopWait);
    }

    /** When the start an assignment asks for must be complete; an assignment without a time is already late. */
    Instant startDeadline(AssignmentRecord record, ProcessDefinition process) {
        Instant assignedAt = record.assignment().assignedAt() == null ? Instant.EPOCH : record.assignment().assignedAt();
        return assignedAt.plus(startBudget(process));
    }

    Instant stopDeadline(AssignmentRecord record, ProcessView process) {
        Instant assignedAt = record.assignment().assignedAt() == null ? Instant.EPOCH : record.assignment().assignedAt();
        return assignedAt.plus(stopBudget(process));
    }

    /** Every run tag written on this application's assignments, latest revision first. */
    List<AssignmentRecord> assignmentsLatestFirst() {
        List<AssignmentRecord> all = new ArrayList<>();
        processes.values().forEach(p -> all.addAll(p.assignments()));
        all.sort((a, b) -> Long.compare(b.modRevision(), a.modRevision()));
        return all;
    }
}
