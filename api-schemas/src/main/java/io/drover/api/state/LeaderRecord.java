package io.drover.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Value of the leader key ({@code v1/leader}), held under the winning operator's lease.
 *
 * @param operatorId which operator leads (unique per operator process)
 * @param epoch      fencing epoch: the leader key's create_revision. It is only known once the key exists, so a
 *                   candidate writes 0 and readers take the epoch from the key's create revision
 *                   ({@link #withEpoch(long)})
 * @param acquiredAt when the operator won the election
 */
public record LeaderRecord(String operatorId, long epoch, Instant acquiredAt) {

    public LeaderRecord {
        Objects.requireNonNull(operatorId, "operatorId");
        if (operatorId.isBlank()) {
            throw new IllegalArgumentException("operatorId is blank");
        }
    }

    public LeaderRecord withEpoch(long createRevision) {
        return new LeaderRecord(operatorId, createRevision, acquiredAt);
    }
}
