package io.drover.cli.up;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ParsedKey;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.Condition;
import io.drover.api.state.ConditionStatus;
import io.drover.api.state.DesiredState;
import io.drover.api.state.LeaderRecord;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code drover up} shows, read straight from etcd: the live nodes, the leader, and each application with its
 * status and, per process, the node it is assigned to and the state its agent observes there.
 *
 * @param nodes        ids of the nodes whose agent is registered
 * @param leader       the operator that leads, if one does
 * @param applications by name
 */
record ClusterView(List<String> nodes, Optional<String> leader, Map<String, App> applications) {

    /**
     * @param name      application name
     * @param status    its status as the operator wrote it; null before the operator has seen it
     * @param processes its processes, by name then node
     */
    record App(String name, ApplicationStatus status, List<Proc> processes) {

        ApplicationState state() {
            return status == null ? null : status.state();
        }

        /** Nodes where a process of the application is assigned to run. */
        List<String> runningOn() {
            return processes.stream().filter(p -> p.desired() == DesiredState.RUNNING).map(Proc::node).distinct().toList();
        }
    }

    /**
     * @param name     process name
     * @param node     node it is assigned to or observed on
     * @param desired  what its assignment asks, null when it has none
     * @param observed what its agent observes, null before the agent reported it
     */
    record Proc(String name, String node, DesiredState desired, ProcessStatus observed) {

        String state() {
            if (observed != null) {
                return observed.state().name();
            }
            return desired == DesiredState.RUNNING ? "ASSIGNED" : "-";
        }

        String detail() {
            if (observed == null) {
                return desired == DesiredState.RUNNING ? "waiting for the agent" : "";
            }
            ProcessStatus o = observed;
            String text = switch (o.state()) {
                case RUNNING, STARTING, STOPPING -> o.pid() == null ? "" : "pid " + o.pid();
                case EXITED -> o.exitCode() == null ? "exited" : "exit " + o.exitCode() + (o.expectedExit() ? "" : " (unexpected)");
                case BACKOFF, FATAL -> o.spawnError() == null ? "" : o.spawnError();
                default -> "";
            };
            if (desired == DesiredState.STOPPED && o.state().isRunning()) {
                text = (text + " (to stop)").strip();
            }
            return text;
        }
    }

    /** Reads the view; every list is one etcd range read. */
    static ClusterView read(EtcdStore store, Keyspace keyspace) {
        List<String> nodes = new ArrayList<>();
        for (Versioned<String> node : store.listRaw(keyspace.nodesPrefix()).items()) {
            keyspace.parse(node.key()).filter(ParsedKey.NodeKey.class::isInstance)
                    .ifPresent(k -> nodes.add(((ParsedKey.NodeKey) k).node()));
        }
        Optional<String> leader = store.get(keyspace.leader(), LeaderRecord.class).map(v -> v.value().operatorId());
        Map<String, ApplicationStatus> statuses = new TreeMap<>();
        for (Versioned<ApplicationStatus> status : store.list(keyspace.applicationStatusesPrefix(), ApplicationStatus.class).items()) {
            keyspace.parse(status.key()).filter(ParsedKey.ApplicationStatusKey.class::isInstance)
                    .ifPresent(k -> statuses.put(((ParsedKey.ApplicationStatusKey) k).application(), status.value()));
        }
        TreeSet<String> names = new TreeSet<>(statuses.keySet());
        for (Versioned<String> application : store.listRaw(keyspace.applicationsPrefix()).items()) {
            keyspace.parse(application.key()).filter(ParsedKey.ApplicationKey.class::isInstance)
                    .ifPresent(k -> names.add(((ParsedKey.ApplicationKey) k).application()));
        }
        Map<ProcessRef, DesiredState> desired = new TreeMap<>(REF_ORDER);
        for (Versioned<Assignment> assignment : store.list(keyspace.assignmentsPrefix(), Assignment.class).items()) {
            keyspace.parseAssignment(assignment.key()).ifPresent(ref -> desired.put(ref, assignment.value().desired()));
        }
        Map<ProcessRef, ProcessStatus> observed = new TreeMap<>(REF_ORDER);
        for (Versioned<ProcessStatus> process : store.list(keyspace.processesPrefix(), ProcessStatus.class).items()) {
            keyspace.parseProcess(process.key()).ifPresent(ref -> observed.put(ref, process.value()));
        }
        TreeSet<ProcessRef> refs = new TreeSet<>(REF_ORDER);
        refs.addAll(desired.keySet());
        refs.addAll(observed.keySet());
        Map<String, List<Proc>> processes = new TreeMap<>();
        for (ProcessRef ref : refs) {
            names.add(ref.application());
            processes.computeIfAbsent(ref.application(), a -> new ArrayList<>())
                    .add(new Proc(ref.process(), ref.node(), desired.get(ref), observed.get(ref)));
        }
        Map<String, App> applications = new TreeMap<>();
        for (String name : names) {
            applications.put(name, new App(name, statuses.get(name), processes.getOrDefault(name, List.of())));
        }
        return new ClusterView(List.copyOf(nodes), leader, applications);
    }

    private static final Comparator<ProcessRef> REF_ORDER = Comparator.comparing(ProcessRef::application)
            .thenComparing(ProcessRef::process).thenComparing(ProcessRef::node);

    /** Processes observed running (STARTING, RUNNING, BACKOFF, STOPPING) with a pid, for checks after a stop. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (App app : applications.values()) {
            for (Proc proc : app.processes()) {
                if (proc.observed() != null && proc.observed().pid() != null
                        && proc.observed().state() != ProcessState.STOPPED && proc.observed().state() != ProcessState.EXITED) {
                    pids.add(proc.observed().pid());
                }
            }
        }
        return pids;
    }

    /** The status table: one line per application, then one per process under it. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-9s %-8s %s%n", "APPLICATION", "STATE", "FAILURE", "NOTE"));
        for (App app : applications.values()) {
            ApplicationStatus status = app.status();
            String failure = status == null ? "" : status.majorFailure() ? "major" : status.minorFailure() ? "minor" : "-";
            out.append(String.format("%-28s %-9s %-8s %s", app.name(), status == null ? "PENDING" : status.state(), failure,
                    note(status)).stripTrailing()).append(System.lineSeparator());
            for (Proc proc : app.processes()) {
                out.append(String.format("    %-34s %-12s %-9s %s", proc.name(), proc.node(), proc.state(), proc.detail())
                        .stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /**
     * What explains the application's state: a conflict or a placement failure first, then where its sequence stands
     * unless it simply runs, then why it is not operational.
     */
    static String note(ApplicationStatus status) {
        if (status == null) {
            return "not yet seen by the operator";
        }
        List<String> notes = new ArrayList<>();
        for (Condition condition : status.conditions()) {
            boolean bad = "Conflict".equals(condition.type()) ? condition.status() == ConditionStatus.TRUE
                    : condition.status() == ConditionStatus.FALSE;
            if (bad && condition.message() != null) {
                notes.add(condition.message());
            }
        }
        if (notes.isEmpty() && status.state() != ApplicationState.RUNNING) {
            status.conditions().stream().filter(c -> "Sequence".equals(c.type()) && c.message() != null).findFirst()
                    .ifPresent(c -> notes.add(c.message()));
        }
        String note = String.join("; ", notes);
        return note.length() > 100 ? note.substring(0, 97) + "..." : note;
    }
}
