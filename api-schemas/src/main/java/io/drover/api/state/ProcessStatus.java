package io.drover.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Observed state of one process on one node ({@code v1/processes/<node>/<app>/<process>}), published by the node
 * agent under its lease.
 *
 * @param state              Supervisor state the agent observes
 * @param pid                operating system process id while the process exists, null otherwise
 * @param startTime          when the process was last spawned, null if never
 * @param stopTime           when the process last stopped or exited, null if never
 * @param exitCode           last exit status; null when unknown, as for a process adopted after an agent restart
 * @param expectedExit       whether the last exit was one of the program's expected exit codes
 * @param spawnError         why the last spawn failed (Supervisor's spawnerr), null when it did not
 * @param assignmentRevision mod_revision of the assignment this state answers, so the operator knows whether its
 *                           latest assignment has been seen
 * @param updatedAt          when the agent wrote this value
 */
public record ProcessStatus(ProcessState state, Long pid, Instant startTime, Instant stopTime, Integer exitCode,
                            boolean expectedExit, String spawnError, long assignmentRevision, Instant updatedAt) {

    public ProcessStatus {
        Objects.requireNonNull(state, "state");
    }
}
