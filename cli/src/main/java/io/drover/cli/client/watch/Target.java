package io.drover.cli.client.watch;

import java.util.Map;

/**
 * What a wait expects of one application, or of one of its processes ({@code process} not null).
 *
 * @param application   the application
 * @param process       one process, or null for the whole application
 * @param running       true to wait until it runs, false until it is stopped
 * @param minGeneration the application's status must be computed from this spec revision or a later one (0: any)
 * @param startsBefore  for a restart: each process's start time before the command, by node/process; a process
 *                      counts as restarted once its start time differs (agents' clocks are never compared with
 *                      this machine's)
 */
public record Target(String application, String process, boolean running, long minGeneration,
                     Map<String, String> startsBefore) {

    public Target {
        startsBefore = startsBefore == null ? null : Map.copyOf(startsBefore);
    }

    public String label() {
        return process == null ? application : application + ":" + process;
    }
}
