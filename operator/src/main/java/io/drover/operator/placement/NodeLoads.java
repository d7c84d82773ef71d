package io.drover.operator.placement;

import io.drover.api.state.NodeInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expected load of every alive node and host (the sum of the expected loadings of the processes that run or are
 * about to run there), with each node's capacity. Starts from what the cluster snapshot shows and grows as one plan
 * places processes, so that later placements of the same plan see earlier ones.
 *
 * <p>A host is what Supvisors calls a node (a machine); a drover node is a Supvisors instance. A host's capacity is
 * the largest capacity among its alive nodes: nodes on one machine declare the machine's size, not a share of it.
 * Whether placement also caps hosts is {@link #capsHosts()}.
 */
public final class NodeLoads {

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byId;
    private final Map<String, Integer> nodeLoad;
    private final Map<String, Integer> hostLoad;
    private final Map<String, Integer> hostCapacity;
    private final boolean capsHosts;

    private NodeLoads(List<NodeInfo> nodes, Map<String, Integer> nodeLoad, boolean capsHosts) {
        this.nodes = List.copyOf(nodes);
        this.byId = new LinkedHashMap<>();
        this.nodeLoad = new HashMap<>();
        this.hostLoad = new HashMap<>();
        this.hostCapacity = new HashMap<>();
        this.capsHosts = capsHosts;
        for (NodeInfo node : nodes) {
            byId.put(node.nodeId(), node);
            int load = nodeLoad.getOrDefault(node.nodeId(), 0);
            this.nodeLoad.put(node.nodeId(), load);
            hostLoad.merge(node.hostId(), load, Integer::sum);
            hostCapacity.merge(node.hostId(), node.capacity(), Math::max);
        }
    }

    /**
     * Loads of the alive {@code nodes} (in their order), {@code loads} keyed by node id (absent: 0; loads of nodes
     * that are not alive are ignored).
     */
    public static NodeLoads of(List<NodeInfo> nodes, Map<String, Integer> loads, boolean capsHosts) {
        return new NodeLoads(nodes, loads, capsHosts);
    }

    /** An independent copy, so one plan's placements do not leak into another's. */
    public NodeLoads copy() {
        return new NodeLoads(nodes, nodeLoad, capsHosts);
    }

    /** The alive nodes, in the order that stands for Supvisors' {@code supvisors_list}. */
    public List<NodeInfo> nodes() {
        return nodes;
    }

    public Optional<NodeInfo> node(String nodeId) {
        return Optional.ofNullable(byId.get(nodeId));
    }

    public boolean capsHosts() {
        return capsHosts;
    }

    public int load(String nodeId) {
        return nodeLoad.getOrDefault(nodeId, 0);
    }

    public int capacity(String nodeId) {
        NodeInfo node = byId.get(nodeId);
        return node == null ? 0 : node.capacity();
    }

    public int hostLoad(String hostId) {
        return hostLoad.getOrDefault(hostId, 0);
    }

    public int hostCapacity(String hostId) {
        return hostCapacity.getOrDefault(hostId, 0);
    }

    /** Whether {@code nodeId} can take {@code load} more without exceeding its capacity (and its host's, if capped). */
    public boolean canHold(String nodeId, int load) {
        NodeInfo node = byId.get(nodeId);
        if (node == null) {
            return false;
        }
        if (load(nodeId) + load > node.capacity()) {
            return false;
        }
        return !capsHosts || hostLoad(node.hostId()) + load <= hostCapacity(node.hostId());
    }

    /**
     * Free room of a host for processes that may only run on {@code usable} nodes: what its usable nodes can still
     * take together (bounded by the host cap when capped).
     */
    public int hostRoom(String hostId, List<NodeInfo> usable) {
        int room = 0;
        for (NodeInfo node : usable) {
            if (node.hostId().equals(hostId) && byId.containsKey(node.nodeId())) {
                room += Math.max(0, node.capacity() - load(node.nodeId()));
            }
        }
        return capsHosts ? Math.min(room, Math.max(0, hostCapacity(hostId) - hostLoad(hostId))) : room;
    }

    /** Counts {@code load} on {@code nodeId} (a placement of the plan being built). */
    public void add(String nodeId, int load) {
        NodeInfo node = byId.get(nodeId);
        if (node == null || load == 0) {
            return;
        }
        nodeLoad.merge(nodeId, load, Integer::sum);
        hostLoad.merge(node.hostId(), load, Integer::sum);
    }

    /** "42/100", the load of a node over its capacity, as events and conditions show it. */
    public String describe(String nodeId) {
        return load(nodeId) + "/" + capacity(nodeId);
    }
}
