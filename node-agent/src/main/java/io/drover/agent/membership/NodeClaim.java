package io.drover.agent.membership;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.NodeInfo;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no other live agent runs as the same node before this one registers.
 *
 * <p>A registration left by an agent that crashed a moment ago is still in etcd until its lease expires, so an
 * existing key is not proof of a duplicate: the claim waits for that lease to run out. Only a registration whose lease
 * keeps being refreshed past its time to live belongs to a live agent, and the claim is then refused.
 */
public final class NodeClaim {

    private static final Logger LOG = LoggerFactory.getLogger(NodeClaim.class);
    /** Slack over the lease's remaining time to live: etcd expires leases on its own clock and in batches. */
    private static final Duration EXPIRY_SLACK = Duration.ofMillis(1500);

    private final EtcdStore store;
    private final Keyspace keyspace;

    public NodeClaim(EtcdStore store, Keyspace keyspace) {
        this.store = store;
        this.keyspace = keyspace;
    }

    /**
     * Returns once no live agent holds {@code nodeId}; throws {@link DuplicateNodeException} naming the other agent
     * otherwise.
     */
    public void await(String nodeId) {
        await(nodeId, 0);
    }

    /**
     * Like {@link #await(String)}, but a registration under {@code ownLease} (a lease the previous agent of this node
     * left to this one, 0: none) is this agent's own: taken over, not waited out.
     */
    public void await(String nodeId, long ownLease) {
        String key = keyspace.node(nodeId);
        Optional<Versioned<NodeInfo>> existing = store.get(key, NodeInfo.class);
        if (existing.isEmpty() || (ownLease != 0 && existing.get().leaseId() == ownLease)) {
            return;
        }
        Versioned<NodeInfo> first = existing.get();
        Duration remaining = first.leaseId() == 0 ? Duration.ZERO
                : store.leaseTimeToLive(first.leaseId()).orElse(Duration.ZERO);
        LOG.info("node {} is still registered (agent started {} on {}); waiting up to {} for that lease to expire",
                nodeId, first.value().startTime(), first.value().hostId(), remaining.plus(EXPIRY_SLACK));
        long deadline = System.nanoTime() + remaining.plus(EXPIRY_SLACK).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Versioned<NodeInfo>> now = store.get(key, NodeInfo.class);
            if (now.isEmpty()) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        Optional<Versioned<NodeInfo>> still = store.get(key, NodeInfo.class);
        if (still.isEmpty()) {
            return;
        }
        NodeInfo other = still.get().value();
        throw new DuplicateNodeException("node " + nodeId + " is already run by a live agent on host " + other.hostId()
                + " (started " + other.startTime() + ", endpoint " + other.agentEndpoint() + "); stop that agent or"
                + " give this one another --node-id");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node registration to expire", e);
        }
    }
}
