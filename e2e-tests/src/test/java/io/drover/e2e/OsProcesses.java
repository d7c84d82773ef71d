package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the operating system says about processes, independently of what drover writes into etcd: the tests check
 * both, so that a process reported RUNNING under a stale key cannot hide a respawn, and a second copy started behind
 * etcd's back cannot hide either.
 */
final class OsProcesses {

    private OsProcesses() {
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The live children of {@code agents} (agent JVM pids) whose command line is {@code command}, e.g.
     * {@code "sleep 7101"}. Each test program has a command line of its own, so more than one pid here means the
     * program was started twice.
     */
    static List<Long> copiesOf(String command, Collection<Long> agents) {
        List<String> words = List.of(command.split(" "));
        return agents.stream()
                .flatMap(agent -> ProcessHandle.of(agent).stream())
                .flatMap(ProcessHandle::children)
                .filter(child -> child.isAlive() && runs(child, words))
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    private static boolean runs(ProcessHandle process, List<String> words) {
        ProcessHandle.Info info = process.info();
        Optional<String> executable = info.command();
        List<String> arguments = info.arguments().map(Arrays::asList).orElse(List.of());
        return executable.isPresent()
                && Path.of(executable.get()).getFileName().toString().equals(words.get(0))
                && arguments.equals(words.subList(1, words.size()));
    }

    /** Sends {@code kill -<name> pid}, e.g. STOP or CONT, and fails when kill does. */
    static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to " + pid, e);
        }
    }
}
