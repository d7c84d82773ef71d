package io.drover.agent.process;

import io.drover.agent.adoption.AdoptionRecord;
import io.drover.agent.adoption.StateDirectory;
import io.drover.agent.command.SpawnException;
import io.drover.agent.logs.LogRotator;
import io.drover.agent.logs.ProcessLogs;
import io.drover.agent.os.ProcessIdentity;
import io.drover.agent.os.Signals;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.ProcessState;
import io.drover.api.supervisor.program.SupervisorDefaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervisor's state machine for one process ({@code supervisor/process.py}):
 *
 * <pre>
 * STOPPED/EXITED/FATAL --start--> STARTING --startsecs elapsed--> RUNNING --exit--> EXITED --autorestart--> STARTING
 * STARTING --exit or spawn error--> BACKOFF --after 1 s, 2 s, 3 s...--> STARTING   (more than startretries: FATAL)
 * STARTING/RUNNING --stop--> STOPPING (stopsignal, SIGKILL after stopwaitsecs) --exit--> STOPPED
 * BACKOFF --stop--> STOPPED
 * </pre>
 *
 * <p>All state is guarded by this object's lock. Nothing sleeps: timers (startsecs, backoff, stopwaitsecs) run on the
 * shared scheduler and carry the generation (spawn number) they were set for, so a timer or an exit notice that
 * belongs to an earlier process of the same name is recognised and ignored.
 */
final class ProcessSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
    static final String EXITED_TOO_QUICKLY = "Exited too quickly (process log may have details)";

    /** The machinery shared by all processes of a {@link LocalSupervisor}. */
    record Context(ProcessLauncher launcher, ScheduledExecutorService scheduler, EventDispatcher events,
                   StateDirectory stateDirectory, LogRotator rotator) {
    }

    /** The OS process this supervisor owns now; {@code process} is null for one adopted from a previous agent. */
    private record Child(long generation, long pid, Process process, ProcessIdentity identity, boolean groupLeader) {
        boolean isAlive() {
            if (process != null) {
                return process.isAlive();
            }
            return identity.isAlive();
        }
    }

    private final ProcessKey key;
    private final Context context;
    private final Consumer<ProcessSupervisor> onRemoved;

    private ProcessDefinition definition;
    private ProgramSpec effective;
    private String specHash;
    private ProcessState state = ProcessState.STOPPED;
    private Child child;
    private long generation;
    private Instant startTime;
    private Instant stopTime;
    private Integer exitCode;
    private boolean expectedExit;
    private String spawnError;
    private String description = "not started";
    private boolean adopted;
    private int backoff;
    private ScheduledFuture<?> timer;
    private long sequence;
    /** A start or restart came while stopping: spawn again once stopped. */
    private boolean startAfterStop;
    /** The agent is stopping everything: no automatic restart, no retry. */
    private boolean shuttingDown;
    /** The agent left the process running for its successor: ignore everything from now on. */
    private boolean detached;
    private boolean removing;
    private boolean removed;
    private final List<CompletableFuture<ProcessSnapshot>> stopWaiters = new ArrayList<>();
    private CompletableFuture<Void> removal;

    ProcessSupervisor(ProcessKey key, Context context, Consumer<ProcessSupervisor> onRemoved) {
        this.key = key;
        this.context = context;
        this.onRemoved = onRemoved;
    }

    ProcessKey key() {
        return key;
    }

    // ---- owner's requests ------------------------------------------------------------------------------------------

    /** Starts the process unless it is up or coming up; null when this supervisor was removed meanwhile. */
    synchronized ProcessSnapshot start(ProcessDefinition newDefinition) {
        if (removed) {
            return null;
        }
        requireActive();
        define(newDefinition);
        cancelRemoval();
        switch (state) {
            case STOPPED, EXITED, FATAL -> {
                backoff = 0;
                spawn();
            }
            case STOPPING -> startAfterStop = true;
            default -> {
                // STARTING, RUNNING, BACKOFF: already up or on its way up; a new definition applies to the next spawn
            }
        }
        return snapshot();
    }

    /** Stops the process if it is up, then starts it with {@code newDefinition}; null when removed meanwhile. */
    synchronized ProcessSnapshot restart(ProcessDefinition newDefinition) {
        if (removed) {
            return null;
        }
        requireActive();
        define(newDefinition);
        cancelRemoval();
        switch (state) {
            case STARTING, RUNNING -> {
                startAfterStop = true;
                beginStop();
            }
            case STOPPING -> startAfterStop = true;
            default -> {
                backoff = 0;
                spawn();
            }
        }
        return snapshot();
    }

    /** Stops the process; the future completes with the snapshot of the stopped (or never running) process. */
    synchronized CompletableFuture<ProcessSnapshot> stop() {
        startAfterStop = false;
        switch (state) {
            case STARTING, RUNNING -> {
                beginStop();
                return stopWaiter();
            }
            case STOPPING -> {
                return stopWaiter();
            }
            case BACKOFF -> {
                cancelTimer();
                transition(ProcessState.STOPPED, "stopped: " + key + " (was in BACKOFF, waiting to retry)");
                return CompletableFuture.completedFuture(snapshot());
            }
            default -> {
                return CompletableFuture.completedFuture(snapshot());
            }
        }
    }

    /** Stops the process and forgets it; the future completes once it is forgotten. */
    synchronized CompletableFuture<Void> remove() {
        if (removed) {
            return CompletableFuture.completedFuture(null);
        }
        if (removal == null) {
            removal = new CompletableFuture<>();
        }
        CompletableFuture<Void> result = removal;
        removing = true;
        startAfterStop = false;
        switch (state) {
            case STARTING, RUNNING -> beginStop();
            case STOPPING -> {
                // finished when the exit arrives
            }
            case BACKOFF -> {
                cancelTimer();
                transition(ProcessState.STOPPED, "stopped: " + key + " (was in BACKOFF, waiting to retry)");
                finishRemoval();
            }
            default -> finishRemoval();
        }
        return result;
    }

    synchronized void setAutoRestartSuppressed(boolean suppressed) {
        if (definition != null && definition.autoRestartSuppressed() != suppressed) {
            definition = definition.withAutoRestartSuppressed(suppressed);
            if (child != null && child.identity() != null) {
                persist(child);
            }
        }
    }

    synchronized ProcessSnapshot snapshot() {
        return new ProcessSnapshot(key, effective == null ? null : effective.name(), state,
                child == null ? null : child.pid(), startTime, stopTime, exitCode, expectedExit, spawnError, specHash,
                adopted, sequence, description);
    }

    /** Where this process's output goes, once it has a definition; empty before, or when its paths cannot be made. */
    synchronized Optional<ProcessLogs> logs() {
        if (definition == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(context.launcher().logs(definition, effective));
        } catch (SpawnException e) {
            return Optional.empty();
        }
    }

    synchronized int priority() {
        return effective == null ? SupervisorDefaults.PRIORITY : effective.priority();
    }

    // ---- adoption --------------------------------------------------------------------------------------------------

    /** Takes over a process a previous agent spawned and that still runs (its identity was checked). */
    synchronized ProcessSnapshot adopt(AdoptionRecord record, ProcessIdentity identity) {
        define(restoredDefinition(record));
        specHash = record.specHash();
        generation++;
        child = new Child(generation, record.pid(), null, identity, record.groupLeader());
        adopted = true;
        startTime = record.startTime();
        try {
            context.rotator().register(key, context.launcher().logs(definition, effective).files());
        } catch (SpawnException e) {
            LOG.warn("the log files of adopted process {} cannot be rotated: {}", key, e.getMessage());
        }
        transition(ProcessState.RUNNING, "adopted: '" + key + "' with pid " + record.pid()
                + ", spawned by a previous agent at " + record.startTime());
        return snapshot();
    }

    /** Reports a process a previous agent spawned and that exited while no agent was watching it. */
    synchronized ProcessSnapshot recordGone(AdoptionRecord record) {
        define(restoredDefinition(record));
        specHash = record.specHash();
        startTime = record.startTime();
        exitCode = null;
        expectedExit = false;
        spawnError = ProcessSnapshot.GONE;
        transition(ProcessState.EXITED, "gone: '" + key + "' (pid " + record.pid()
                + ") exited while the agent was not running; exit status unknown");
        return snapshot();
    }

    /**
     * Checks whether an adopted process has exited. It is not our child, so the kernel tells us nothing: the owner
     * calls this periodically. The /proc read happens outside the lock.
     */
    void checkAdoptedExit() {
        Child watched;
        synchronized (this) {
            watched = child;
        }
        if (watched != null && watched.process() == null && !watched.identity().isAlive()) {
            onExit(watched.generation(), null);
        }
    }

    // ---- agent shutdown --------------------------------------------------------------------------------------------

    synchronized void prepareShutdown() {
        shuttingDown = true;
        startAfterStop = false;
    }

    /** Leaves the process running, unwatched, for the next agent to adopt. */
    synchronized void detach() {
        detached = true;
        cancelTimer();
        stopWaiters.forEach(waiter -> waiter.cancel(false));
        stopWaiters.clear();
    }

    // ---- the state machine ---------------------------------------------------------------------------------------

    private void spawn() {
        cancelTimer();
        generation++;
        long spawnGeneration = generation;
        specHash = definition.specHash();
        adopted = false;
        ProcessLauncher.Launched launched;
        try {
            launched = context.launcher().launch(definition, effective);
        } catch (SpawnException | RuntimeException e) {
            String reason = e instanceof SpawnException ? e.getMessage() : "unexpected error while spawning: " + e;
            spawnError = reason;
            startTime = Instant.now();
            transition(ProcessState.STARTING, "spawnerr: " + key + ": " + reason);
            enterBackoff("spawnerr: " + key + ": " + reason);
            return;
        }
        Process process = launched.process();
        child = new Child(spawnGeneration, process.pid(), process, launched.identity().orElse(null), launched.groupLeader());
        startTime = launched.startTime();
        spawnError = null;
        context.rotator().register(key, launched.logs().files());
        if (child.identity() != null) {
            persist(child);
        }
        transition(ProcessState.STARTING, "spawned: '" + key + "' with pid " + process.pid());
        try {
            process.onExit().whenCompleteAsync((ended, error) -> onExit(spawnGeneration, process.exitValue()),
                    context.scheduler());
        } catch (RejectedExecutionException e) {
            LOG.debug("{} spawned while the agent closes", key);
        }
        int startSecs = effective.startSecs();
        if (startSecs <= 0) {
            transition(ProcessState.RUNNING, "success: " + key
                    + " entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)");
        } else {
            timer = schedule(() -> onStartSecsElapsed(spawnGeneration), startSecs);
        }
    }

    private synchronized void onStartSecsElapsed(long spawnGeneration) {
        if (detached || state != ProcessState.STARTING || child == null || child.generation() != spawnGeneration) {
            return;
        }
        if (!child.isAlive()) {
            return; // it exited just before startsecs: its exit notice is on its way and will say BACKOFF
        }
        backoff = 0;
        transition(ProcessState.RUNNING, "success: " + key + " entered RUNNING state, process has stayed up for > than "
                + effective.startSecs() + " seconds (startsecs)");
    }

    private synchronized void onExit(long spawnGeneration, Integer status) {
        if (detached || child == null || child.generation() != spawnGeneration) {
            return;
        }
        child = null;
        stopTime = Instant.now();
        cancelTimer();
        context.stateDirectory().delete(key.application(), key.process());
        String how = status == null ? "exit status unknown, the process was adopted" : "exit status " + status;
        switch (state) {
            case STOPPING -> {
                exitCode = status;
                expectedExit = true;
                transition(ProcessState.STOPPED, "stopped: " + key + " (" + how + ")");
                if (removing) {
                    finishRemoval();
                } else if (startAfterStop && !shuttingDown) {
                    startAfterStop = false;
                    backoff = 0;
                    spawn();
                }
            }
            case STARTING -> {
                exitCode = status;
                expectedExit = false;
                spawnError = EXITED_TOO_QUICKLY;
                enterBackoff("exited: " + key + " (" + how + "; not expected)");
            }
            case RUNNING -> {
                exitCode = status;
                // an unknown status is not one of the exitcodes: an adopted process that exits counts as unexpected
                expectedExit = status != null && effective.exitCodes().contains(status);
                spawnError = expectedExit ? null : status == null ? "exited with an unknown status" : "Bad exit code " + status;
                backoff = 0;
                transition(ProcessState.EXITED, "exited: " + key + " (" + how + "; "
                        + (expectedExit ? "expected" : "not expected") + ")");
                if (restartsAfterExit()) {
                    spawn();
                }
            }
            default -> LOG.warn("{} ended while {}; ignored", key, state);
        }
    }

    private boolean restartsAfterExit() {
        if (definition.autoRestartSuppressed() || shuttingDown || removing) {
            return false;
        }
        AutoRestart mode = effective.autoRestart();
        return mode == AutoRestart.TRUE || mode == AutoRestart.UNEXPECTED && !expectedExit;
    }

    private void enterBackoff(String why) {
        backoff++;
        transition(ProcessState.BACKOFF, why);
        if (backoff > effective.startRetries()) {
            transition(ProcessState.FATAL, "gave up: " + key + " entered FATAL state, too many start retries too quickly");
        } else if (!shuttingDown) {
            long backoffGeneration = generation;
            timer = schedule(() -> onBackoffElapsed(backoffGeneration), backoff);
        }
    }

    private synchronized void onBackoffElapsed(long backoffGeneration) {
        if (detached || shuttingDown || state != ProcessState.BACKOFF || generation != backoffGeneration) {
            return;
        }
        spawn();
    }

    private void beginStop() {
        cancelTimer();
        int signal = effective.stopSignal().number();
        transition(ProcessState.STOPPING, "stopping: " + key + " (pid " + child.pid() + ") with SIG" + effective.stopSignal()
                + (effective.stopAsGroup() ? " to its process group" : ""));
        signal(signal, effective.stopAsGroup());
        long stopGeneration = child.generation();
        timer = schedule(() -> onStopTimeout(stopGeneration), effective.stopWaitSecs());
    }

    private synchronized void onStopTimeout(long stopGeneration) {
        if (detached || state != ProcessState.STOPPING || child == null || child.generation() != stopGeneration) {
            return;
        }
        LOG.warn("killing {} (pid {}) with SIGKILL{}: still running {} s after its stop signal", key, child.pid(),
                effective.killAsGroup() ? " to its process group" : "", effective.stopWaitSecs());
        description = "killed with SIGKILL after stopwaitsecs (" + effective.stopWaitSecs() + " s)";
        signal(Signals.SIGKILL, effective.killAsGroup());
    }

    private void signal(int signal, boolean toGroup) {
        boolean group = toGroup && child.groupLeader();
        if (toGroup && !child.groupLeader()) {
            LOG.warn("{} is not a process-group leader (setsid missing?): signalling its pid only", key);
        }
        try {
            if (!Signals.send(child.pid(), signal, group)) {
                LOG.debug("{} (pid {}) already gone when signalled", key, child.pid());
            }
        } catch (RuntimeException e) {
            LOG.error("cannot signal {}: {}", key, e.getMessage());
            description = e.getMessage();
        }
    }

    private void finishRemoval() {
        removed = true;
        removing = false;
        context.rotator().unregister(key);
        context.stateDirectory().delete(key.application(), key.process());
        context.events().removed(key);
        onRemoved.accept(this);
        CompletableFuture<Void> done = removal;
        removal = null;
        if (done != null) {
            complete(() -> done.complete(null));
        }
    }

    private void cancelRemoval() {
        removing = false;
        if (removal != null) {
            CompletableFuture<Void> superseded = removal;
            removal = null;
            complete(() -> superseded.completeExceptionally(
                    new CancellationException("the removal of " + key + " was superseded by a start")));
        }
    }

    private void transition(ProcessState newState, String what) {
        state = newState;
        description = what;
        sequence++;
        ProcessSnapshot snapshot = snapshot();
        if (newState == ProcessState.BACKOFF || newState == ProcessState.FATAL
                || newState == ProcessState.EXITED && !expectedExit) {
            LOG.warn(what);
        } else {
            LOG.info(what);
        }
        context.events().stateChanged(snapshot);
        if (newState.isStopped() && !stopWaiters.isEmpty()) {
            List<CompletableFuture<ProcessSnapshot>> waiters = List.copyOf(stopWaiters);
            stopWaiters.clear();
            complete(() -> waiters.forEach(waiter -> waiter.complete(snapshot)));
        }
    }

    private CompletableFuture<ProcessSnapshot> stopWaiter() {
        CompletableFuture<ProcessSnapshot> waiter = new CompletableFuture<>();
        stopWaiters.add(waiter);
        return waiter;
    }

    /**
     * Completes a waiter after the listener got the changes so far (so a caller never sees a future completed before
     * the matching notification), and never under this lock, where whatever the caller chained would run.
     */
    private void complete(Runnable completion) {
        context.events().afterDelivery(completion);
    }

    private void persist(Child running) {
        try {
            context.stateDirectory().write(new AdoptionRecord(definition.application(), definition.instance(),
                    definition.program(), definition.specHash(), definition.autoRestartSuppressed(), running.pid(),
                    running.identity().startTicks(), running.identity().bootId(), startTime, running.groupLeader()));
        } catch (RuntimeException e) {
            LOG.error("{} runs but cannot be remembered for adoption after an agent restart: {}", key, e.getMessage());
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long seconds) {
        try {
            return context.scheduler().schedule(task, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the agent is closing
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void define(ProcessDefinition newDefinition) {
        definition = newDefinition;
        effective = SupervisorDefaults.effective(newDefinition.program());
    }

    private void requireActive() {
        if (shuttingDown || detached) {
            throw new IllegalStateException("the agent is shutting down: " + key + " cannot be started");
        }
    }

    private static ProcessDefinition restoredDefinition(AdoptionRecord record) {
        return new ProcessDefinition(record.application(), record.instance(), record.program(), record.specHash(),
                record.autoRestartSuppressed());
    }
}
