package io.drover.e2e;

import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link QuorumLossScenario} on three local etcd processes, two of which are frozen with SIGSTOP and thawed with
 * SIGCONT: the worst way to lose them, as their connections stay open and requests sent to them simply hang, where a
 * dead member would at least refuse them.
 */
class EtcdQuorumLossIT extends QuorumLossScenario {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.cluster(3);

    @Override
    protected EtcdExtension etcd() {
        return etcd;
    }

    @Override
    protected void takeDown(int member) {
        OsProcesses.signal("STOP", etcd.pid(member));
    }

    @Override
    protected void bringBack(int member) {
        OsProcesses.signal("CONT", etcd.pid(member));
    }

    @Override
    protected String outageKind() {
        return "SIGSTOP of local etcd processes";
    }
}
