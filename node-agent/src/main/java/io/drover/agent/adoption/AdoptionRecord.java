package io.drover.agent.adoption;

import io.drover.api.model.ProcessInstance;
import io.drover.api.model.ProgramSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * What the agent remembers of a running process so that a restarted agent can take it over: which OS process it is
 * (pid, start ticks, boot id: a reused pid never matches) and everything needed to keep supervising it (the program
 * definition, its hash, the application and process names).
 *
 * @param startTicks      the process's start time in clock ticks since boot, from /proc
 * @param bootId          the kernel boot id when the process was spawned
 * @param startTime       when the agent spawned it (its reported start time)
 * @param groupLeader     whether the process leads its own process group (stopasgroup/killasgroup signal -pid)
 * @param autoRestartSuppressed the owner's switch that keeps the agent from restarting the process itself
 */
public record AdoptionRecord(String application, ProcessInstance instance, ProgramSpec program, String specHash,
                             boolean autoRestartSuppressed, long pid, long startTicks, String bootId, Instant startTime,
                             boolean groupLeader) {

    public AdoptionRecord {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(startTime, "startTime");
    }

    public String processName() {
        return instance.processName();
    }
}
