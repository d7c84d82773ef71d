package io.drover.operator.reconcile;

import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether missing nodes may be declared lost now (DESIGN rule 9). Not before a new leader has led for one
 * agent lease TTL (their agents may simply not have refreshed yet); and not while most nodes that run something are
 * missing at once: that is far more likely a partition around the operator or etcd than half the plant losing power,
 * and re-placing everything would be a restart storm. Handling resumes by itself once enough nodes are back.
 */
final class NodeLossGate {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLossGate.class);

    /** Share of the nodes running something that may be missing at once before losses are held back. */
    static final double MASS_LOSS_SHARE = 0.5;

    private Set<String> lastHeldBack = Set.of();

    /**
     * @param graceOver whether this leader has led for one agent lease TTL
     * @param busyNodes nodes that hold assignments
     * @param aliveNodes nodes whose agents are registered
     */
    synchronized boolean allows(boolean graceOver, Set<String> busyNodes, Set<String> aliveNodes) {
        if (!graceOver) {
            return false;
        }
        Set<String> missing = new TreeSet<>(busyNodes);
        missing.removeAll(aliveNodes);
        boolean mass = busyNodes.size() >= 2 && missing.size() > MASS_LOSS_SHARE * busyNodes.size();
        if (mass) {
            if (!missing.equals(lastHeldBack)) {
                LOG.error("{} of {} nodes running processes are missing at once ({}): holding back node-loss handling"
                        + " until enough of them are back, as this looks like a partition rather than lost machines",
                        missing.size(), busyNodes.size(), missing);
                lastHeldBack = Set.copyOf(missing);
            }
            return false;
        }
        lastHeldBack = Set.of();
        return true;
    }
}
