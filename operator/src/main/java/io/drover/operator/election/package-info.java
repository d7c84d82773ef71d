/**
 * Leader election among operator replicas, with fencing.
 *
 * <p>Candidates race to create {@code v1/leader} bound to their own lease; the winner's epoch is the key's
 * create_revision, and every write of the leader carries {@link io.drover.api.store.Guards#leaderEpoch} for that
 * epoch, so that a leader that lost the election cannot write any more (DESIGN rule 4).
 *
 * <p>A leader stops believing it leads as soon as any sign says it may not: its own monotonic-clock lease deadline
 * passing (even with etcd unreachable), etcd saying the lease is gone, the leader key vanishing or being re-created,
 * or a fenced write refused. It then campaigns again with a fresh lease.
 */
package io.drover.operator.election;
