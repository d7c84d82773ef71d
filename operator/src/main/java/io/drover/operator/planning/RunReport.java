package io.drover.operator.planning;

import io.drover.operator.status.ConditionDraft;
import io.drover.api.state.ConditionStatus;

/** What a run's step leaves in the Sequence condition; the run's sequence is over when it is TRUE. */
record RunReport(ConditionDraft sequence) {

    boolean settled() {
        return sequence.status() == ConditionStatus.TRUE;
    }
}
