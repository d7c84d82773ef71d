package io.drover.operator.actuator;

/** What became of a plan handed to the {@link PlanActuator}. */
public enum ApplyOutcome {
    /** Every action was written. */
    APPLIED,
    /** A key changed since the snapshot the plan was made from: nothing (of that batch) was written; plan again. */
    STALE,
    /** This operator no longer leads: nothing was written and it must stop acting at once. */
    NOT_LEADER
}
