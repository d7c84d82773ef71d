package io.drover.operator.planning;

import io.drover.operator.status.ConditionDraft;

/**
 * What the application is driven to by this plan.
 *
 * @param run      the run in charge, null when none (nothing starts or stops)
 * @param request  the Request condition when this plan handles a new request; null to keep the recorded one
 * @param idle     the Sequence condition to show when there is no run (not started, waiting for lower ranks)
 */
record Goal(Run run, ConditionDraft request, ConditionDraft idle) {

    static Goal idle(ConditionDraft request, ConditionDraft sequence) {
        return new Goal(null, request, sequence);
    }
}
