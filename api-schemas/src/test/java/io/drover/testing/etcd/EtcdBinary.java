package io.drover.testing.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the etcd server executable. */
final class EtcdBinary {

    private static final Path DEBIAN_LOCATION = Path.of("/usr/bin/etcd");

    private EtcdBinary() {
    }

    static Path locate() {
        return onPath().or(() -> Optional.of(DEBIAN_LOCATION).filter(Files::isExecutable))
                .orElseThrow(() -> new IllegalStateException("the etcd server is not installed (no 'etcd' on the PATH nor "
                        + DEBIAN_LOCATION + "). Install it with: apt-get install -y etcd-server etcd-client"));
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "etcd"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
