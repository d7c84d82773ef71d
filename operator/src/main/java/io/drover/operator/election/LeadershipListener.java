package io.drover.operator.election;

/**
 * What the application does when this replica becomes leader and when it stops being leader. Calls come one at a
 * time, in order, on the election's own callback thread: a term's {@link #onDemoted} always follows its
 * {@link #onElected}. By the time {@link #onDemoted} runs, {@link LeaderElection#currentEpoch()} is already empty,
 * so the application must not wait for this call to stop writing: its writes are fenced anyway.
 */
public interface LeadershipListener {

    void onElected(Leadership leadership);

    void onDemoted(Demotion demotion);
}
