package io.drover.agent.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the helper programs of util-linux the agent launches through. */
public final class Executables {

    private Executables() {
    }

    /** {@code name} on the agent's PATH, then in /usr/bin and /bin. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
