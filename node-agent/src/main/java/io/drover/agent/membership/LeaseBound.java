package io.drover.agent.membership;

/** Something the agent publishes under its lease, to publish again whenever the lease is replaced. */
public interface LeaseBound {

    /** Publishes everything again under {@code leaseId}; called on the lease keeper's thread. */
    void republish(long leaseId) throws Exception;

    /**
     * Whether what {@link #republish} queued is written, waiting at most {@code atMost}: a lease lost before is
     * revoked only then, so that no key disappears between the two leases.
     */
    default boolean awaitRepublished(java.time.Duration atMost) {
        return true;
    }

    /** The lease is gone: its keys are deleted or about to be. Nothing may be written under it any more. */
    default void leaseLost(long leaseId) {
    }
}
