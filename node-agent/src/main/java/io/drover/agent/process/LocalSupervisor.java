package io.drover.agent.process;

import io.drover.agent.logs.ProcessLogs;
import io.drover.agent.adoption.AdoptionRecord;
import io.drover.agent.adoption.StateDirectory;
import io.drover.agent.logs.LogRotator;
import io.drover.agent.os.ProcessIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of this node, keyed by application and process name, each supervised with Supervisor's semantics
 * by a {@link ProcessSupervisor}. This is the local core of the node agent: it knows nothing of etcd. Its owner
 * tells it what to run ({@link #start}, {@link #stop}, {@link #restart}, {@link #remove}) and learns every change
 * through the {@link ProcessListener}.
 *
 * <p>Typical life: construct, {@link #recover()} the processes a previous agent left running, then start/stop as
 * assignments say, and finally {@link #shutdown} (stop everything, or leave it running for the next agent).
 *
 * <p>Thread-safe. Two scheduler threads run every timer of every process and handle exits; one thread delivers
 * changes to the listener; one thread rotates log files. The futures returned by {@link #stop} and {@link #remove}
 * complete on the listener's thread, after the listener has been given the matching change: never wait on them
 * from inside the listener.
 */
public final class LocalSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSupervisor.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofMinutes(2);

    private final SupervisorSettings settings;
    private final Map<ProcessKey, ProcessSupervisor> processes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService rotation;
    private final EventDispatcher events;
    private final StateDirectory stateDirectory;
    private final LogRotator rotator = new LogRotator();
    private final ProcessSupervisor.Context context;
    /** Held shared by start/restart, exclusively by shutdown, so that nothing starts once shutdown has begun. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closing;
    private boolean recovered;

    public LocalSupervisor(SupervisorSettings settings, ProcessListener listener) {
        this.settings = settings;
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, daemonThreads("drover-supervisor"));
        timers.setRemoveOnCancelPolicy(true);
        // a timer left over at shutdown (a stop that timed out) must not hold the shutdown up
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = timers;
        this.rotation = new ScheduledThreadPoolExecutor(1, daemonThreads("drover-log-rotation"));
        this.events = new EventDispatcher(listener);
        this.stateDirectory = new StateDirectory(settings.stateDirectory());
        ProcessLauncher launcher = new ProcessLauncher(settings);
        if (!launcher.spawnsGroupLeaders() && settings.newSession()) {
            LOG.warn("setsid (util-linux) is not installed: processes share the agent's process group, and stopasgroup/"
                    + "killasgroup signal only the main process");
        }
        this.context = new ProcessSupervisor.Context(launcher, scheduler, events, stateDirectory, rotator);
        long logPeriod = settings.logCheckPeriod().toMillis();
        rotation.scheduleWithFixedDelay(rotator::checkAll, logPeriod, logPeriod, TimeUnit.MILLISECONDS);
        long adoptedPeriod = settings.adoptedCheckPeriod().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkAdoptedProcesses, adoptedPeriod, adoptedPeriod, TimeUnit.MILLISECONDS);
    }

    public SupervisorSettings settings() {
        return settings;
    }

    /**
     * Takes over the processes a previous agent left in the state directory: those still running (same pid
     * <em>and</em> same start time, so a recycled pid is never taken) are adopted as RUNNING; the others are reported
     * EXITED with an unknown exit status and are not restarted (the owner decides, from the assignments). Each is
     * also announced to the listener. Call it once, before starting anything.
     */
    public RecoveryReport recover() {
        lifecycle.writeLock().lock();
        try {
            if (closing) {
                throw new IllegalStateException("the supervisor is shut down");
            }
            if (recovered || !processes.isEmpty()) {
                throw new IllegalStateException("recover() must be called once, before any process is started");
            }
            recovered = true;
            List<ProcessSnapshot> adopted = new ArrayList<>();
            List<ProcessSnapshot> gone = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            StateDirectory.Contents contents = stateDirectory.readAll();
            for (AdoptionRecord record : contents.records()) {
                ProcessKey key;
                try {
                    key = new ProcessKey(record.application(), record.processName());
                } catch (IllegalArgumentException e) {
                    problems.add("state of " + record.application() + "/" + record.processName() + " ignored: " + e.getMessage());
                    continue;
                }
                ProcessSupervisor supervisor = new ProcessSupervisor(key, context, this::forget);
                processes.put(key, supervisor);
                ProcessIdentity identity = new ProcessIdentity(record.pid(), record.startTicks(), record.bootId());
                if (identity.isAlive()) {
                    adopted.add(supervisor.adopt(record, identity));
                } else {
                    stateDirectory.delete(record.application(), record.processName());
                    gone.add(supervisor.recordGone(record));
                }
            }
            for (StateDirectory.Unreadable unreadable : contents.unreadable()) {
                problems.add("state file " + unreadable.file() + " cannot be read and is discarded: " + unreadable.reason());
                stateDirectory.discard(unreadable.file());
            }
            problems.forEach(problem -> LOG.warn(problem));
            LOG.info("recovered the state of a previous agent: {} process(es) adopted, {} gone", adopted.size(), gone.size());
            return new RecoveryReport(adopted, gone, problems);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Starts the process of {@code definition} unless it is already up or coming up (STARTING, RUNNING, BACKOFF); a
     * stopping process starts again once stopped. A new definition is kept for the next spawn: it does not restart a
     * running process (use {@link #restart}); {@link ProcessSnapshot#specHash()} tells which definition runs.
     *
     * @return the state right after the request (STARTING, or FATAL/BACKOFF when the spawn failed at once)
     * @throws IllegalStateException once {@link #shutdown} has begun
     */
    public ProcessSnapshot start(ProcessDefinition definition) {
        return whileOpen(() -> {
            while (true) {
                ProcessSupervisor supervisor = supervisorFor(definition.key());
                ProcessSnapshot snapshot = supervisor.start(definition);
                if (snapshot != null) {
                    return snapshot;
                }
                processes.remove(definition.key(), supervisor); // removed meanwhile: make a fresh one
            }
        });
    }

    /** Stops the process if it is up (waiting for it to stop), then spawns it with {@code definition}. */
    public ProcessSnapshot restart(ProcessDefinition definition) {
        return whileOpen(() -> {
            while (true) {
                ProcessSupervisor supervisor = supervisorFor(definition.key());
                ProcessSnapshot snapshot = supervisor.restart(definition);
                if (snapshot != null) {
                    return snapshot;
                }
                processes.remove(definition.key(), supervisor);
            }
        });
    }

    /**
     * Stops the process: its {@code stopsignal} (to its group with {@code stopasgroup}), then SIGKILL after
     * {@code stopwaitsecs}. A process in BACKOFF goes straight to STOPPED.
     *
     * @return completes with the snapshot once the process is stopped; completes with null for an unknown key
     */
    public CompletableFuture<ProcessSnapshot> stop(ProcessKey key) {
        ProcessSupervisor supervisor = processes.get(key);
        return supervisor == null ? CompletableFuture.completedFuture(null) : supervisor.stop();
    }

    /**
     * Stops the process and forgets it; the listener then gets {@link ProcessListener#removed}. The future completes
     * once it is forgotten (at once for an unknown key), or is cancelled when a start of the same key supersedes it.
     */
    public CompletableFuture<Void> remove(ProcessKey key) {
        ProcessSupervisor supervisor = processes.get(key);
        return supervisor == null ? CompletableFuture.completedFuture(null) : supervisor.remove();
    }

    /**
     * Forces automatic restarts off (true) for a process whatever its {@code autorestart}, for failure strategies the
     * operator applies itself; false gives the program's {@code autorestart} back.
     */
    public void setAutoRestartSuppressed(ProcessKey key, boolean suppressed) {
        ProcessSupervisor supervisor = processes.get(key);
        if (supervisor != null) {
            supervisor.setAutoRestartSuppressed(suppressed);
        }
    }

    /** Where the output of the process {@code key} goes, when the agent knows that process. */
    public Optional<ProcessLogs> logs(ProcessKey key) {
        ProcessSupervisor supervisor = processes.get(key);
        return supervisor == null ? Optional.empty() : supervisor.logs();
    }

    public Optional<ProcessSnapshot> snapshot(ProcessKey key) {
        return Optional.ofNullable(processes.get(key)).map(ProcessSupervisor::snapshot);
    }

    /** Every known process, sorted by application then process name. */
    public List<ProcessSnapshot> snapshots() {
        return processes.values().stream().map(ProcessSupervisor::snapshot)
                .sorted(Comparator.comparing(ProcessSnapshot::key)).toList();
    }

    /**
     * Ends supervision. {@link ShutdownMode#STOP_ALL} stops the processes in reverse priority order, waiting for
     * each priority level to be stopped before the next, within {@code timeout} overall (processes still running then
     * are left as they are). {@link ShutdownMode#LEAVE_RUNNING} leaves every process running and remembered, for the
     * next agent's {@link #recover()}. Either way, the listener gets every change up to the end. Idempotent.
     */
    public void shutdown(ShutdownMode mode, Duration timeout) {
        lifecycle.writeLock().lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (mode == ShutdownMode.STOP_ALL) {
            stopAllInPriorityOrder(deadline);
        } else {
            processes.values().forEach(ProcessSupervisor::detach);
            LOG.info("leaving {} process(es) running for the next agent", processes.size());
        }
        rotation.shutdownNow();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        events.close(5_000);
    }

    /** {@link #shutdown} with {@link ShutdownMode#STOP_ALL}. */
    @Override
    public void close() {
        shutdown(ShutdownMode.STOP_ALL, DEFAULT_CLOSE_TIMEOUT);
    }

    private void stopAllInPriorityOrder(long deadline) {
        processes.values().forEach(ProcessSupervisor::prepareShutdown);
        // supervisord starts the lowest priority value first and stops it last
        TreeMap<Integer, List<ProcessSupervisor>> byPriority = new TreeMap<>(Comparator.reverseOrder());
        processes.values().forEach(p -> byPriority.computeIfAbsent(p.priority(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<Integer, List<ProcessSupervisor>> level : byPriority.entrySet()) {
            List<CompletableFuture<ProcessSnapshot>> stops = level.getValue().stream().map(ProcessSupervisor::stop).toList();
            try {
                CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.error("shutdown timed out while stopping the processes of priority {}; the rest are left running",
                        level.getKey());
                return;
            } catch (ExecutionException e) {
                LOG.error("failure while stopping the processes of priority {}", level.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void checkAdoptedProcesses() {
        for (ProcessSupervisor supervisor : processes.values()) {
            try {
                supervisor.checkAdoptedExit();
            } catch (RuntimeException e) {
                LOG.error("cannot check adopted process {}", supervisor.key(), e);
            }
        }
    }

    private ProcessSupervisor supervisorFor(ProcessKey key) {
        return processes.computeIfAbsent(key, k -> new ProcessSupervisor(k, context, this::forget));
    }

    private void forget(ProcessSupervisor supervisor) {
        processes.remove(supervisor.key(), supervisor);
    }

    private <T> T whileOpen(java.util.function.Supplier<T> action) {
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new IllegalStateException("the supervisor is shutting down; nothing more is started");
            }
            return action.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
