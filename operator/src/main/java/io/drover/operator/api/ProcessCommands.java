package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.Names;
import io.drover.api.model.ProgramSpec;
import io.drover.api.state.Intent;
import io.drover.api.state.ProcessIntent;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Start, stop and restart of one process ({@code POST /api/v1/processes/{app}/{process}/{action}}): the request is
 * written into the application's intent with compare-and-set, so that it never overwrites a request written
 * meanwhile by another user or replica; the leader's planner acts on it.
 */
final class ProcessCommands {

    private final EtcdStore store;
    private final Keyspace keys;
    private final Clock clock;
    private final IntentWriter intents;

    ProcessCommands(EtcdStore store, Keyspace keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.intents = new IntentWriter(store, keys);
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
        long revision = intents.update(application, current -> current.map(i -> i.withProcess(process, processIntent))
                .orElseGet(() -> Intent.processesOnly(process, processIntent)));
        return new Accepted(application, process, request.action().name().toLowerCase(Locale.ROOT), requestId, revision);
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
