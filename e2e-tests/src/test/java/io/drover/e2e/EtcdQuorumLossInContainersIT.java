package io.drover.e2e;

import io.drover.testing.etcd.ContainerEtcdCluster;
import io.drover.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link QuorumLossScenario} with etcd as it often runs in production, in containers
 * ({@value ContainerEtcdCluster#IMAGE}), two of which are stopped ({@code docker stop}) and started again with their
 * data. The drover daemons still run as local processes, reaching the members through published ports.
 *
 * <p>Where no Docker engine is reachable the extension aborts the class before any test runs (an assumption on
 * Testcontainers' {@code DockerClientFactory.isDockerAvailable()}), so it is reported as skipped, not failed.
 */
class EtcdQuorumLossInContainersIT extends QuorumLossScenario {

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.containers(3);

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
        // waits until the member is healthy again once a majority runs
        etcd.start(member);
    }

    @Override
    protected String outageKind() {
        return "docker stop of etcd containers";
    }
}
