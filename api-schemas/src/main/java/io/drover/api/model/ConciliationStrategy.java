package io.drover.api.model;

/** How duplicates (one process running on several nodes) are resolved (Supvisors ConciliationStrategies). */
public enum ConciliationStrategy {
    SENICIDE, INFANTICIDE, USER, STOP, RESTART, RUNNING_FAILURE
}
