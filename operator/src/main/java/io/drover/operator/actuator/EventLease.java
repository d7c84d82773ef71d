package io.drover.operator.actuator;

import io.drover.api.store.EtcdStore;
import java.time.Duration;

/**
 * The lease events are written under, so that they expire by themselves (etcd is no log store). One lease serves
 * every event written during a period, then a new one is granted: a lease per event would cost a request each.
 */
final class EventLease {

    /** How long an event stays visible. */
    static final Duration EVENT_TTL = Duration.ofHours(1);
    /** How long one lease takes new events: each event then lives between 50 and 60 minutes. */
    private static final Duration RENEW_AFTER = Duration.ofMinutes(10);

    private final EtcdStore store;
    private long leaseId;
    private long grantedAtNanos;

    EventLease(EtcdStore store) {
        this.store = store;
    }

    synchronized long current() {
        if (leaseId == 0 || System.nanoTime() - grantedAtNanos > RENEW_AFTER.toNanos()) {
            leaseId = store.grantLease(EVENT_TTL);
            grantedAtNanos = System.nanoTime();
        }
        return leaseId;
    }

    /** The lease was refused (expired early, revoked): the next event gets a new one. */
    synchronized void forget(long lease) {
        if (leaseId == lease) {
            leaseId = 0;
        }
    }
}
