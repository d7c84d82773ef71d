package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.Names;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessIntent;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.api.store.WriteResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Start, stop and restart of one process ({@code POST /api/v1/processes/{app}/{process}/{action}}): the request is
 * written into the application's intent with compare-and-set, so that it never overwrites a request written
 * meanwhile by another user or replica; the leader's planner acts on it.
 */
final class ProcessCommands {

    /** Compare-and-set attempts before answering 409: each refusal means someone else wrote the intent just then. */
    static final int ATTEMPTS = 8;

    private final EtcdStore store;
    private final Keyspace keys;
    private final Clock clock;

    ProcessCommands(EtcdStore store, Keyspace keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** What was written, answered with 202: the planner has not acted yet. */
    record Accepted(String application, String process, String action, String requestId, long resourceVersion) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("application", application);
            body.put("process", process);
            body.put("action", action);
            body.put("requestId", requestId);
            body.put("resourceVersion", resourceVersion);
            return body;
        }
    }

    Accepted command(String application, String process, String actionText, String strategy, String node) {
        Names.problem("application", application).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        Names.problem("process", process).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        CommandRequest request = CommandRequest.parse(actionText, strategy, node);
        // the spec is read from etcd, not the cache: a process command right after an apply must find the process
        Application spec = store.get(keys.application(application), Application.class)
                .map(Versioned::value)
                .orElseThrow(() -> new ApiProblem(404, "NOT_MANAGED", "Not managed", "no application named '"
                        + application + "' is managed; apply it first"));
        if (!declares(spec, application, process)) {
            throw ApiProblem.notFound("application '" + application + "' has no process named '" + process + "'");
        }
        String requestId = UUID.randomUUID().toString();
        ProcessIntent processIntent = new ProcessIntent(request.action(), request.strategy(), request.node(), requestId,
                clock.instant());
        String key = keys.intent(application);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<Intent>> current = store.get(key, Intent.class);
            Intent next = current.map(v -> v.value().withProcess(process, processIntent))
                    .orElseGet(() -> Intent.processesOnly(process, processIntent));
            WriteResult<Intent> written = store.compareAndSet(key, current.map(Versioned::modRevision).orElse(0L), next);
            if (written.written()) {
                return new Accepted(application, process, request.action().name().toLowerCase(Locale.ROOT), requestId,
                        written.revision());
            }
            backOff(attempt);
        }
        throw ApiProblem.conflict("the intent of application '" + application + "' kept changing while the request was"
                + " being written (" + ATTEMPTS + " attempts); send it again");
    }

    /** A short random pause, longer at each attempt, so that writers racing for one intent stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * (attempt + 1) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "INTERRUPTED", "Interrupted", "the operator is stopping; send the request again");
        }
    }

    private static boolean declares(Application spec, String application, String process) {
        if (spec.spec() == null) {
            return false;
        }
        for (ProgramSpec program : spec.spec().programsOrEmpty()) {
            try {
                if (program.processes(application).stream().anyMatch(p -> p.processName().equals(process))) {
                    return true;
                }
            } catch (IllegalArgumentException unexpandable) {
                // a program whose names cannot be expanded declares no process: the apply would have refused it
            }
        }
        return false;
    }
}
