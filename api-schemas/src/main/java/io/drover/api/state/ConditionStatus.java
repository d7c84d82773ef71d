package io.drover.api.state;

/** Whether a condition holds, as in Kubernetes conditions. */
public enum ConditionStatus {
    TRUE,
    FALSE,
    UNKNOWN
}
