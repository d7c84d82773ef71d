package io.drover.testing.etcd;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * etcd members run as Docker containers ({@value #IMAGE}) where a Docker engine exists, for the same tests as
 * {@link LocalEtcdCluster}. Each member's client port is bound to a fixed free host port, so that a member killed
 * and started again keeps its endpoint, as a local process would.
 */
public final class ContainerEtcdCluster implements EtcdCluster {

    public static final String IMAGE = "quay.io/coreos/etcd:v3.5.14";
    private static final int CLIENT_PORT = 2379;
    private static final int PEER_PORT = 2380;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    private final int size;
    private final EtcdTiming timing;
    private final List<FixedHostPortGenericContainer<?>> containers = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private Network network;

    private ContainerEtcdCluster(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member, not " + size);
        }
        this.size = size;
        this.timing = size == 1 ? EtcdTiming.SINGLE_MEMBER : EtcdTiming.CLUSTER;
    }

    public static ContainerEtcdCluster ofSize(int members) {
        return new ContainerEtcdCluster(members);
    }

    @Override
    public Optional<String> unavailableReason() {
        return DockerClientFactory.instance().isDockerAvailable()
                ? Optional.empty()
                : Optional.of("no Docker engine is reachable, so etcd cannot run in containers here");
    }

    @Override
    // fixed host ports are deprecated for portability, but a restarted member must keep its endpoint
    @SuppressWarnings("deprecation")
    public synchronized void start() {
        network = Network.newNetwork();
        String token = "drover-test-" + UUID.randomUUID();
        String initialCluster = IntStream.range(0, size)
                .mapToObj(i -> name(i) + "=http://" + name(i) + ":" + PEER_PORT)
                .collect(Collectors.joining(","));
        List<Integer> hostPorts = FreePorts.take(size);
        for (int i = 0; i < size; i++) {
            String name = name(i);
            FixedHostPortGenericContainer<?> container = new FixedHostPortGenericContainer<>(IMAGE);
            container.withNetwork(network)
                    .withNetworkAliases(name)
                    .withFixedExposedPort(hostPorts.get(i), CLIENT_PORT)
                    .withCommand("etcd",
                            "--name", name,
                            "--data-dir", "/tmp/" + name + ".etcd",
                            "--listen-client-urls", "http://0.0.0.0:" + CLIENT_PORT,
                            "--advertise-client-urls", "http://" + name + ":" + CLIENT_PORT,
                            "--listen-peer-urls", "http://0.0.0.0:" + PEER_PORT,
                            "--initial-advertise-peer-urls", "http://" + name + ":" + PEER_PORT,
                            "--initial-cluster", initialCluster,
                            "--initial-cluster-state", "new",
                            "--initial-cluster-token", token,
                            "--heartbeat-interval", Integer.toString(timing.heartbeatMillis()),
                            "--election-timeout", Integer.toString(timing.electionMillis()),
                            "--logger", "zap",
                            "--log-level", "warn")
                    // members of a cluster only become healthy together; health is awaited below, for all of them
                    .waitingFor(new AbstractWaitStrategy() {
                        @Override
                        protected void waitUntilReady() {
                        }
                    });
            container.start();
            containers.add(container);
            endpoints.add("http://" + container.getHost() + ":" + hostPorts.get(i));
        }
        for (int i = 0; i < size; i++) {
            String endpoint = endpoints.get(i);
            awaitUntil(i, () -> MemberProbe.isHealthy(endpoint), "healthy");
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public synchronized List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    @Override
    public synchronized String endpoint(int member) {
        check(member);
        return endpoints.get(member);
    }

    @Override
    public synchronized void kill(int member) {
        docker().killContainerCmd(id(member)).withSignal("SIGKILL").exec();
    }

    @Override
    public synchronized void stop(int member) {
        docker().stopContainerCmd(id(member)).withTimeout(10).exec();
    }

    @Override
    public synchronized void start(int member) {
        if (isRunning(member)) {
            return;
        }
        docker().startContainerCmd(id(member)).exec();
        long running = IntStream.range(0, size).filter(this::isRunning).count();
        String endpoint = endpoints.get(member);
        if (running > size / 2) {
            awaitUntil(member, () -> MemberProbe.isHealthy(endpoint), "healthy");
        }
    }

    @Override
    public synchronized boolean isRunning(int member) {
        Boolean running = docker().inspectContainerCmd(id(member)).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    /** Process id of the member's etcd on the Docker host (meaningful only where the engine runs locally). */
    @Override
    public synchronized long pid(int member) {
        Long pid = docker().inspectContainerCmd(id(member)).exec().getState().getPidLong();
        if (pid == null || pid == 0) {
            throw new IllegalStateException("etcd member " + name(member) + " is not running");
        }
        return pid;
    }

    @Override
    public synchronized void close() {
        containers.forEach(FixedHostPortGenericContainer::stop);
        containers.clear();
        endpoints.clear();
        if (network != null) {
            network.close();
            network = null;
        }
    }

    private static String name(int member) {
        return "m" + (member + 1);
    }

    private String id(int member) {
        check(member);
        return containers.get(member).getContainerId();
    }

    private void check(int member) {
        if (member < 0 || member >= containers.size()) {
            throw new IllegalArgumentException("no etcd member " + member + "; members are numbered 0 to " + (containers.size() - 1));
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private void awaitUntil(int member, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("etcd container " + name(member) + " at " + endpoints.get(member)
                        + " was not " + what + " within " + HEALTHY_WITHIN.toSeconds() + " s. Its log ends with:\n"
                        + tail(containers.get(member).getLogs()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd container " + name(member), e);
            }
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 15), lines.length));
    }
}
