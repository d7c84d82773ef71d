package io.drover.agent.process;

import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import java.time.Instant;

/**
 * The observed state of one process at one transition: what the agent publishes as a {@link ProcessStatus}, plus
 * what the publisher needs to tell transitions apart.
 *
 * @param pid          the OS process id while a process exists (STARTING, RUNNING, STOPPING), null otherwise
 * @param startTime    when the process was last spawned
 * @param stopTime     when the process last stopped or exited (null when never, or when it exited unseen while the
 *                     agent was down)
 * @param exitCode     last exit status as Java reports it (128 + signal for a process killed by a signal); null when
 *                     unknown: never exited, or an adopted process whose parent was a previous agent
 * @param expectedExit whether the last exit was expected: an exit code listed in {@code exitcodes}, or a stop
 * @param spawnError   why the last spawn failed or the process was judged failed (Supervisor's spawnerr)
 * @param specHash     hash of the definition the current (or last) process was spawned with
 * @param adopted      whether the process was taken over from a previous agent rather than spawned by this one
 * @param sequence     1, 2, 3... for the successive snapshots of this process, so a publisher can drop stale ones
 * @param description  what happened, in words (Supervisor's log line for the transition)
 */
public record ProcessSnapshot(ProcessKey key, String program, ProcessState state, Long pid, Instant startTime,
                              Instant stopTime, Integer exitCode, boolean expectedExit, String spawnError,
                              String specHash, boolean adopted, long sequence, String description) {

    /** The spawn error of a process found gone by a new agent: it exited while no agent watched it. */
    public static final String GONE = "exited while the agent was not running (exit status unknown)";


    /** The value of {@code v1/processes/<node>/<app>/<process>}. */
    public ProcessStatus toStatus(long assignmentRevision, Instant updatedAt) {
        return new ProcessStatus(state, pid, startTime, stopTime, exitCode, expectedExit, spawnError, assignmentRevision,
                updatedAt);
    }
}
