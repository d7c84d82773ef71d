package io.drover.agent.process;

/**
 * Receives every change of every process of a {@link LocalSupervisor}, in the order the changes happened (per
 * process and overall), on one dedicated thread. A slow listener delays the next notifications but never the
 * supervision itself; it should still not block for long (hand work to the etcd client asynchronously),
 * and must never wait for a future returned by {@link LocalSupervisor#stop} or {@link LocalSupervisor#remove}, which
 * complete on this same thread.
 */
public interface ProcessListener {

    /** A process entered {@code snapshot.state()} (or its reported values changed, as after adoption). */
    void stateChanged(ProcessSnapshot snapshot);

    /** The process was stopped and forgotten after {@link LocalSupervisor#remove}; no further change will come. */
    default void removed(ProcessKey key) {
    }
}
