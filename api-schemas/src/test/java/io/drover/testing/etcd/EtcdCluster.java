package io.drover.testing.etcd;

import java.util.List;
import java.util.Optional;

/**
 * etcd members a test can start, kill and restart. Members are numbered from 0. A member that is started again keeps
 * its data and its ports, as a real etcd restarted on the same machine would.
 */
public interface EtcdCluster extends AutoCloseable {

    /** Why this kind of cluster cannot run here (for example no Docker engine), or empty when it can. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Starts every member and returns once the cluster is healthy. */
    void start();

    int size();

    /** Client URL of every member, e.g. {@code http://127.0.0.1:41234}. */
    List<String> endpoints();

    String endpoint(int member);

    /** Sends SIGKILL to the member and waits until it is gone. */
    void kill(int member);

    /** Sends SIGTERM to the member and waits until it has stopped. */
    void stop(int member);

    /**
     * Starts a stopped or killed member again with its data and ports, and waits until it is healthy (or, when a
     * majority of the cluster is still down, until it accepts connections).
     */
    void start(int member);

    /** Stops (SIGTERM) and starts the member. */
    default void restart(int member) {
        stop(member);
        start(member);
    }

    boolean isRunning(int member);

    /** Operating system process id of the member. */
    long pid(int member);

    /** Stops every member and removes their data. */
    @Override
    void close();
}
