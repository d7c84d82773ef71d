package io.drover.testing.etcd;

/**
 * Raft timings of test members: much shorter than etcd's defaults (100 ms / 1000 ms), so that a member is healthy
 * within a few hundred milliseconds and a lost leader is replaced quickly.
 *
 * @param heartbeatMillis {@code --heartbeat-interval}
 * @param electionMillis  {@code --election-timeout}
 */
public record EtcdTiming(int heartbeatMillis, int electionMillis) {

    /** For one member: it elects itself, so only start-up time matters. */
    public static final EtcdTiming SINGLE_MEMBER = new EtcdTiming(10, 100);

    /** For several members: peers must hear heartbeats reliably on a loaded two-core machine. */
    public static final EtcdTiming CLUSTER = new EtcdTiming(20, 200);
}
