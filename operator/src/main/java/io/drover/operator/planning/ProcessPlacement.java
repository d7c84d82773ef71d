package io.drover.operator.planning;

import io.drover.api.model.Distribution;
import io.drover.api.model.StartingStrategy;
import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.ResolvedProgram;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.operator.placement.CandidateNodes;
import io.drover.operator.placement.HomogeneousGroups;
import io.drover.operator.placement.NodeLoads;
import io.drover.operator.placement.NumberedApplication;
import io.drover.operator.placement.PlacementOutcome;
import io.drover.operator.placement.Placer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places the processes a run asks for, by the application's distribution:
 * <ul>
 *   <li>ALL_INSTANCES: each process on its own, among the nodes its identifiers designate (program-level
 *       {@code #}/{@code @} resolved over its numprocs family first) that define its program;</li>
 *   <li>SINGLE_INSTANCE: the application is bound to one node (the node its running processes are on, else one
 *       chosen for the summed load of its start-sequenced processes, among the nodes the application identifiers
 *       designate that define every one of its programs); each process goes there if the node can hold it;</li>
 *   <li>SINGLE_NODE: the same with a host, each process then placed by the strategy among that host's nodes.</li>
 * </ul>
 * The strategy is the request's, else the application's starting_strategy; LOCAL means the request's target node
 * (for a run that outlived its request: the node the run already placed processes on).
 */
final class ProcessPlacement {

    private final AppContext context;
    private final NodeLoads loads;
    private final StartingStrategy strategy;
    private final String localNode;
    private PlacementOutcome applicationChoice;
    private String boundReason;
    private String boundHost;

    ProcessPlacement(AppContext context, NodeLoads loads, Run run) {
        this.context = context;
        this.loads = loads;
        ResolvedApplication rules = context.definition().rules();
        this.strategy = run.strategy() != null ? run.strategy() : rules.startingStrategy();
        this.localNode = run.targetNode() != null ? run.targetNode() : nodeOfRun(context, run);
    }

    StartingStrategy strategy() {
        return strategy;
    }

    /** The outcome for each process, in the order given; placed loads are counted as they go. */
    Map<String, PlacementOutcome> place(List<ProcessView> processes) {
        Map<String, PlacementOutcome> outcomes = new LinkedHashMap<>();
        Distribution distribution = context.definition().rules().distribution();
        for (ProcessView process : processes) {
            PlacementOutcome outcome = switch (distribution) {
                case ALL_INSTANCES -> placeAlone(process);
                case SINGLE_INSTANCE -> placeOnBoundNode(process);
                case SINGLE_NODE -> placeOnBoundHost(process);
            };
            outcomes.put(process.name(), outcome);
        }
        return outcomes;
    }

    private PlacementOutcome placeAlone(ProcessView process) {
        ProcessDefinition definition = process.definition();
        ResolvedProgram rules = definition.rules();
        List<String> identifiers = rules.identifiers();
        if (!rules.hashIdentifiers().isEmpty() || !rules.atIdentifiers().isEmpty()) {
            boolean hash = !rules.hashIdentifiers().isEmpty();
            Optional<String> node = resolveFamily(process, hash);
            if (node.isEmpty()) {
                return new PlacementOutcome.Refused(hash ? "no node for '#'" : "no node left for '@'",
                        "cannot place " + context.namespec(process.name()) + ": "
                                + (hash ? "'#' designates no alive node" : "every node of its '@' list already has a process of its family"));
            }
            identifiers = List.of(node.get());
        }
        List<NodeInfo> candidates = CandidateNodes.of(identifiers, definition.definedOn(), context.aliveNodes());
        return Placer.place(context.namespec(process.name()), candidates, definition.expectedLoading(), strategy, localNode, loads);
    }

    /** The node {@code #}/{@code @} give this process, its family being the processes of the same program. */
    private Optional<String> resolveFamily(ProcessView process, boolean hash) {
        ResolvedProgram rules = process.definition().rules();
        List<String> reference = CandidateNodes.designated(hash ? rules.hashIdentifiers() : rules.atIdentifiers(),
                context.aliveNodes()).stream().map(NodeInfo::nodeId).toList();
        List<HomogeneousGroups.Member> family = new ArrayList<>();
        for (ProcessView member : context.defined()) {
            if (member.definition().rules().programName().equals(rules.programName())) {
                family.add(new HomogeneousGroups.Member(member.name(), member.definition().rules().processIndex(),
                        boundNode(member)));
            }
        }
        Map<String, Optional<String>> resolved = hash ? HomogeneousGroups.hash(family, reference)
                : HomogeneousGroups.at(family, reference);
        return resolved.getOrDefault(process.name(), Optional.empty());
    }

    /** The alive node a process already has an assignment on (its earlier resolution), preferring a RUNNING one. */
    private String boundNode(ProcessView process) {
        return process.runningAssignment(context::alive).map(AssignmentRecord::node).filter(context::alive)
                .or(() -> process.assignments().stream().map(AssignmentRecord::node).filter(context::alive).findFirst())
                .orElse(null);
    }

    private PlacementOutcome placeOnBoundNode(ProcessView process) {
        if (applicationChoice == null) {
            applicationChoice = bindNode();
            if (applicationChoice instanceof PlacementOutcome.Placed placed) {
                boundReason = placed.reason();
            }
        }
        ProcessDefinition definition = process.definition();
        String namespec = context.namespec(process.name());
        if (applicationChoice instanceof PlacementOutcome.Refused refused) {
            return refused;
        }
        String node = ((PlacementOutcome.Placed) applicationChoice).nodeId();
        NodeInfo info = loads.node(node).orElseThrow();
        if (!CandidateNodes.defines(info, definition.definedOn())) {
            return new PlacementOutcome.Refused("not defined on " + node,
                    "cannot place " + namespec + ": the application is bound to " + node + ", which does not define it");
        }
        int load = definition.expectedLoading();
        if (!loads.canHold(node, load)) {
            return new PlacementOutcome.Refused("no node can hold load " + load,
                    "cannot place " + namespec + ": the application is bound to " + node + " (" + loads.describe(node)
                            + "), which cannot hold load " + load);
        }
        loads.add(node, load);
        return new PlacementOutcome.Placed(node, boundReason + "; load " + loads.describe(node));
    }

    /** The node of a SINGLE_INSTANCE application: where it runs already, else chosen for its whole load. */
    private PlacementOutcome bindNode() {
        Optional<String> running = nodeOfRunningCopies();
        if (running.isPresent()) {
            return new PlacementOutcome.Placed(running.get(), "SINGLE_INSTANCE application " + context.name()
                    + " runs on " + running.get());
        }
        List<NodeInfo> candidates = applicationCandidates().stream()
                .filter(n -> context.defined().stream().allMatch(p -> CandidateNodes.defines(n, p.definition().definedOn())))
                .toList();
        return Placer.choose(context.name(), candidates, applicationLoad(), strategy, localNode, loads);
    }

    private PlacementOutcome placeOnBoundHost(ProcessView process) {
        if (applicationChoice == null) {
            applicationChoice = bindHost();
            if (applicationChoice instanceof PlacementOutcome.Placed placed) {
                boundHost = loads.node(placed.nodeId()).map(NodeInfo::hostId).orElse(null);
            }
        }
        if (applicationChoice instanceof PlacementOutcome.Refused refused) {
            return refused;
        }
        ProcessDefinition definition = process.definition();
        List<NodeInfo> candidates = applicationCandidates().stream()
                .filter(n -> n.hostId().equals(boundHost) && CandidateNodes.defines(n, definition.definedOn())).toList();
        PlacementOutcome outcome = Placer.place(context.namespec(process.name()), candidates, definition.expectedLoading(),
                strategy, localNode, loads);
        if (outcome instanceof PlacementOutcome.Placed placed) {
            return new PlacementOutcome.Placed(placed.nodeId(), placed.reason() + " (SINGLE_NODE: application on host "
                    + boundHost + ", " + ((PlacementOutcome.Placed) applicationChoice).reason() + ")");
        }
        return outcome;
    }

    /** The host of a SINGLE_NODE application: where it runs already, else chosen for its whole load. */
    private PlacementOutcome bindHost() {
        Optional<String> running = nodeOfRunningCopies();
        if (running.isPresent()) {
            return new PlacementOutcome.Placed(running.get(), "application bound to the host of " + running.get());
        }
        List<NodeInfo> designated = applicationCandidates();
        List<NodeInfo> candidates = designated.stream().filter(n -> hostFits(n.hostId(), designated)).toList();
        return Placer.chooseHost(context.name(), candidates, applicationLoad(), strategy, localNode, loads);
    }

    /** Whether every process of the application can run on some designated node of {@code host}. */
    private boolean hostFits(String host, List<NodeInfo> designated) {
        return context.defined().stream().allMatch(p -> designated.stream()
                .anyMatch(n -> n.hostId().equals(host) && CandidateNodes.defines(n, p.definition().definedOn())));
    }

    /** Nodes the application identifiers designate (an unresolved application '#' resolved over alive nodes). */
    private List<NodeInfo> applicationCandidates() {
        ResolvedApplication rules = context.definition().rules();
        List<String> identifiers = rules.identifiers();
        if (!rules.hashIdentifiers().isEmpty()) {
            List<String> reference = CandidateNodes.designated(rules.hashIdentifiers(), context.aliveNodes())
                    .stream().map(NodeInfo::nodeId).toList();
            identifiers = NumberedApplication.node(context.name(), reference).map(List::of).orElse(List.of());
        }
        return CandidateNodes.designated(identifiers, context.aliveNodes());
    }

    /** Supvisors' application load: the expected loadings of the processes in the start sequence. */
    private int applicationLoad() {
        return context.defined().stream().map(ProcessView::definition).filter(d -> d.startSequence() > 0)
                .mapToInt(ProcessDefinition::expectedLoading).sum();
    }

    /** The alive node holding most of the application's running or pending copies, if any. */
    private Optional<String> nodeOfRunningCopies() {
        Map<String, Integer> copies = new LinkedHashMap<>();
        for (ProcessView process : context.defined()) {
            for (AssignmentRecord record : process.runningAssignments()) {
                if (context.alive(record.node())
                        && LoadCensus.consumes(record, process.observed(record.node()).orElse(null))) {
                    copies.merge(record.node(), 1, Integer::sum);
                }
            }
        }
        return copies.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * The node LOCAL means when the request names none (a run that outlived its request, a restart without a node):
     * where this run already placed processes, else where it stopped them to restart them (a restart in place).
     */
    private static String nodeOfRun(AppContext context, Run run) {
        String stopped = null;
        for (AssignmentRecord record : context.assignmentsLatestFirst()) {
            String tag = record.assignment().requestId();
            if (record.assignment().desired() == DesiredState.RUNNING && run.isTag(tag)) {
                return record.node();
            }
            if (stopped == null && run.stopTag().equals(tag)) {
                stopped = record.node();
            }
        }
        return stopped;
    }
}
