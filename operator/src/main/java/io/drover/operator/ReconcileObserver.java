package io.drover.operator;

/** Told how long each reconcile of an application took, for metrics; called on the worker's thread, keep it short. */
@FunctionalInterface
public interface ReconcileObserver {

    ReconcileObserver NONE = (application, nanos, failed) -> { };

    /** {@code failed}: the reconcile threw (it is retried with back-off). */
    void reconciled(String application, long nanos, boolean failed);
}
