package io.drover.testing.etcd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** etcd members run as local processes on loopback ports, each with a temporary data directory. */
public final class LocalEtcdCluster implements EtcdCluster {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEtcdCluster.class);
    private static final int START_ATTEMPTS = 3;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(20);

    private final int size;
    private final EtcdTiming timing;
    private final List<LocalEtcdMember> members = new ArrayList<>();
    private Path binary;
    private Path baseDir;
    private String initialCluster;
    private String token;

    private LocalEtcdCluster(int size, EtcdTiming timing) {
        if (size < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member, not " + size);
        }
        this.size = size;
        this.timing = timing;
    }

    public static LocalEtcdCluster singleMember() {
        return new LocalEtcdCluster(1, EtcdTiming.SINGLE_MEMBER);
    }

    public static LocalEtcdCluster ofSize(int members) {
        return new LocalEtcdCluster(members, members == 1 ? EtcdTiming.SINGLE_MEMBER : EtcdTiming.CLUSTER);
    }

    @Override
    public synchronized void start() {
        binary = EtcdBinary.locate();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                launchFresh();
                return;
            } catch (IllegalStateException e) {
                // most often a free port taken by someone else between choosing and binding it: choose again
                last = e;
                LOG.warn("etcd did not start (attempt {} of {}): {}", attempt, START_ATTEMPTS, e.getMessage());
                close();
            }
        }
        throw last;
    }

    private void launchFresh() {
        try {
            baseDir = Files.createTempDirectory("drover-etcd-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for etcd", e);
        }
        List<Integer> ports = FreePorts.take(2 * size);
        members.clear();
        for (int i = 0; i < size; i++) {
            members.add(new LocalEtcdMember("m" + (i + 1), ports.get(2 * i), ports.get(2 * i + 1), baseDir));
        }
        initialCluster = members.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
        // one token per cluster: members of another test's cluster can never join this one
        token = "drover-test-" + UUID.randomUUID();
        long started = System.nanoTime();
        members.forEach(m -> m.launch(binary, initialCluster, token, timing));
        for (LocalEtcdMember member : members) {
            awaitUntil(member, () -> MemberProbe.isHealthy(member.clientUrl()), "healthy");
        }
        LOG.info("etcd with {} member(s) healthy in {} ms: {}", size,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), endpoints());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public synchronized List<String> endpoints() {
        return members.stream().map(LocalEtcdMember::clientUrl).toList();
    }

    @Override
    public synchronized String endpoint(int member) {
        return member(member).clientUrl();
    }

    @Override
    public synchronized void kill(int member) {
        member(member).kill();
    }

    @Override
    public synchronized void stop(int member) {
        member(member).stop();
    }

    @Override
    public synchronized void start(int member) {
        LocalEtcdMember m = member(member);
        m.launch(binary, initialCluster, token, timing);
        long running = members.stream().filter(LocalEtcdMember::isRunning).count();
        if (running > size / 2) {
            awaitUntil(m, () -> MemberProbe.isHealthy(m.clientUrl()), "healthy");
        } else {
            // without a majority the member cannot become healthy; serving its port is all there is to wait for
            awaitUntil(m, () -> MemberProbe.accepts("127.0.0.1", m.clientPort()), "accepting connections");
        }
    }

    @Override
    public synchronized boolean isRunning(int member) {
        return member(member).isRunning();
    }

    @Override
    public synchronized long pid(int member) {
        return member(member).pid();
    }

    @Override
    public synchronized void close() {
        for (LocalEtcdMember member : members) {
            member.kill();
        }
        if (baseDir != null) {
            deleteTree(baseDir);
            baseDir = null;
        }
    }

    private LocalEtcdMember member(int index) {
        if (index < 0 || index >= members.size()) {
            throw new IllegalArgumentException("no etcd member " + index + "; members are numbered 0 to " + (members.size() - 1));
        }
        return members.get(index);
    }

    private static void awaitUntil(LocalEtcdMember member, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (!member.isRunning()) {
                throw new IllegalStateException("etcd member " + member.name() + " exited while starting. Its log ends with:\n"
                        + member.logTail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("etcd member " + member.name() + " at " + member.clientUrl() + " was not "
                        + what + " within " + HEALTHY_WITHIN.toSeconds() + " s. Its log ends with:\n" + member.logTail());
            }
            // polling a local process; 10 ms is well below the ~50 ms it takes etcd to start
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd member " + member.name(), e);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove etcd data in {}: {}", root, e.getMessage());
        }
    }
}
