package io.drover.agent.membership;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.LeaseKeeper;
import io.drover.api.store.Versioned;
import io.drover.api.store.WriteResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code v1/nodes/<node>} published under the agent's lease, and has everything else the agent publishes under
 * that lease published again each time the lease is replaced (after a loss, etcd deletes every key bound to it).
 */
public final class NodeRegistration implements LeaseKeeper.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

    private final EtcdStore store;
    private final Keyspace keyspace;
    private final NodeInfo node;
    private final List<LeaseBound> bound = new CopyOnWriteArrayList<>();

    public NodeRegistration(EtcdStore store, Keyspace keyspace, NodeInfo node) {
        this.store = store;
        this.keyspace = keyspace;
        this.node = node;
    }

    /** Adds something to publish again under every new lease. */
    public void bind(LeaseBound publisher) {
        bound.add(publisher);
    }

    public NodeInfo node() {
        return node;
    }

    @Override
    public void onLease(long leaseId) throws Exception {
        register(leaseId);
        for (LeaseBound publisher : bound) {
            publisher.republish(leaseId);
        }
        for (LeaseBound publisher : bound) {
            // the lease keeper revokes a lost lease once this returns: its keys must be under the new one by then
            if (!publisher.awaitRepublished(java.time.Duration.ofSeconds(2))) {
                throw new IllegalStateException("keys not yet written again under lease " + Long.toHexString(leaseId));
            }
        }
        LOG.info("node {} registered under lease {}", node.nodeId(), Long.toHexString(leaseId));
    }

    @Override
    public void onLeaseLost(long leaseId) {
        LOG.warn("node {} lost lease {}: its keys are gone from etcd until a new lease is granted; processes keep running",
                node.nodeId(), Long.toHexString(leaseId));
        bound.forEach(publisher -> publisher.leaseLost(leaseId));
    }

    private void register(long leaseId) {
        String key = keyspace.node(node.nodeId());
        WriteResult<NodeInfo> created = store.create(key, node, leaseId, List.of());
        if (created.written()) {
            return;
        }
        Optional<Versioned<NodeInfo>> current = created.current();
        boolean handedOver = current.isPresent() && current.get().leaseId() == leaseId;
        if (current.isPresent() && !handedOver && !isOurs(current.get().value())) {
            // another agent took this node id while we were cut off: never fight over it
            throw new DuplicateNodeException("node " + node.nodeId() + " was registered by another agent (host "
                    + current.get().value().hostId() + ", started " + current.get().value().startTime()
                    + ") while this agent was disconnected; stop one of them");
        }
        // our own registration under a previous lease that etcd has not expired yet: move it to the new lease
        long expected = current.map(Versioned::modRevision).orElse(0L);
        WriteResult<NodeInfo> moved = store.compareAndSet(key, expected, node, leaseId, List.of());
        if (!moved.written()) {
            throw new IllegalStateException("registration of node " + node.nodeId() + " changed while being renewed;"
                    + " trying again");
        }
    }

    private boolean isOurs(NodeInfo registered) {
        return registered.hostId().equals(node.hostId()) && java.util.Objects.equals(registered.startTime(), node.startTime());
    }
}
