package io.drover.operator.election;

import io.drover.api.state.LeaderRecord;
import io.drover.api.store.StoreException;
import io.drover.api.store.ValueCodec;

import java.util.Optional;

/**
 * The leader key as seen at one revision.
 *
 * @param present        whether the key exists
 * @param createRevision its create_revision (the epoch of whoever holds it); 0 when absent
 * @param leaseId        the lease it is bound to; 0 when absent
 * @param value          its value as stored; null when absent
 * @param revision       the revision at which this was true: a later observation replaces an earlier one
 */
record LeaderKeyState(String key, boolean present, long createRevision, long leaseId, String value, long revision) {

    static LeaderKeyState absent(String key, long revision) {
        return new LeaderKeyState(key, false, 0, 0, null, revision);
    }

    /** The holder's record with its epoch, or empty when absent or unreadable. */
    Optional<LeaderRecord> record() {
        if (!present) {
            return Optional.empty();
        }
        try {
            return Optional.of(ValueCodec.decode(key, revision, value, LeaderRecord.class).withEpoch(createRevision));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    String holder() {
        return record().map(LeaderRecord::operatorId).orElse(present ? "an unreadable record" : "nobody");
    }
}
