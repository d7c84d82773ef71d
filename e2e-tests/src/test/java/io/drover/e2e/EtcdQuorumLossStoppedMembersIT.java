package io.drover.e2e;

import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link QuorumLossScenario} on three local etcd processes, two of which are stopped (SIGTERM) and started again with
 * their data, as {@link EtcdQuorumLossInContainersIT} does with containers: here connections to the members that are
 * gone are refused at once, and clients must reconnect to them once they are back.
 */
class EtcdQuorumLossStoppedMembersIT extends QuorumLossScenario {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.cluster(3);

    @Override
    protected EtcdExtension etcd() {
        return etcd;
    }

    @Override
    protected void takeDown(int member) {
        etcd.stop(member);
    }

    @Override
    protected void bringBack(int member) {
        // once a majority runs again, waits until the member is healthy
        etcd.start(member);
    }

    @Override
    protected String outageKind() {
        return "SIGTERM of local etcd processes, restarted with their data";
    }
}
