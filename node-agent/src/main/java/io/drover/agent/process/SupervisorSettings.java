package io.drover.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalSupervisor} runs its processes.
 *
 * @param nodeId              this node's id, given to processes as {@code DROVER_NODE_ID}
 * @param hostNodeName        the value of {@code %(host_node_name)s}
 * @param logDirectory        where AUTO log files go ({@code <logDirectory>/<app>/<process>-stdout.log}) and what
 *                            relative log paths are relative to
 * @param stateDirectory      where running processes are remembered for adoption after an agent restart
 * @param here                the value of {@code %(here)s} (supervisord's: the folder of its configuration file)
 * @param agentEnvironment    the environment processes inherit and {@code %(ENV_X)s} reads
 * @param logCheckPeriod      how often log file sizes are checked for rotation
 * @param adoptedCheckPeriod  how often adopted processes (which are not our children, so their exit is not signalled
 *                            to us) are checked for exit
 * @param newSession          whether each process is spawned as the leader of its own session and process group (through
 *                            {@code setsid}), which {@code stopasgroup}/{@code killasgroup} need and which shields the
 *                            processes from signals sent to the agent's group
 */
public record SupervisorSettings(String nodeId, String hostNodeName, Path logDirectory, Path stateDirectory, Path here,
                                 Map<String, String> agentEnvironment, Duration logCheckPeriod,
                                 Duration adoptedCheckPeriod, boolean newSession) {

    public SupervisorSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(hostNodeName, "hostNodeName");
        logDirectory = logDirectory.toAbsolutePath().normalize();
        stateDirectory = stateDirectory.toAbsolutePath().normalize();
        here = here.toAbsolutePath().normalize();
        agentEnvironment = Map.copyOf(agentEnvironment);
        if (logCheckPeriod.isNegative() || logCheckPeriod.isZero() || adoptedCheckPeriod.isNegative()
                || adoptedCheckPeriod.isZero()) {
            throw new IllegalArgumentException("check periods must be positive");
        }
    }

    /** The usual settings: this machine's host name and environment, checks every second and every 500 ms. */
    public static SupervisorSettings of(String nodeId, Path logDirectory, Path stateDirectory) {
        return new SupervisorSettings(nodeId, localHostName(), logDirectory, stateDirectory,
                Path.of("").toAbsolutePath(), System.getenv(), Duration.ofSeconds(1), Duration.ofMillis(500), true);
    }

    public SupervisorSettings withLogCheckPeriod(Duration period) {
        return new SupervisorSettings(nodeId, hostNodeName, logDirectory, stateDirectory, here, agentEnvironment, period,
                adoptedCheckPeriod, newSession);
    }

    public SupervisorSettings withAdoptedCheckPeriod(Duration period) {
        return new SupervisorSettings(nodeId, hostNodeName, logDirectory, stateDirectory, here, agentEnvironment,
                logCheckPeriod, period, newSession);
    }

    public SupervisorSettings withAgentEnvironment(Map<String, String> environment) {
        return new SupervisorSettings(nodeId, hostNodeName, logDirectory, stateDirectory, here, environment,
                logCheckPeriod, adoptedCheckPeriod, newSession);
    }

    public SupervisorSettings withHostNodeName(String name) {
        return new SupervisorSettings(nodeId, name, logDirectory, stateDirectory, here, agentEnvironment,
                logCheckPeriod, adoptedCheckPeriod, newSession);
    }

    public SupervisorSettings withHere(Path folder) {
        return new SupervisorSettings(nodeId, hostNodeName, logDirectory, stateDirectory, folder, agentEnvironment,
                logCheckPeriod, adoptedCheckPeriod, newSession);
    }

    /** The kernel's node name, as Python's platform.node() gives it to supervisord, without a DNS lookup. */
    static String localHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux: fall back to the environment
        }
        return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
}
