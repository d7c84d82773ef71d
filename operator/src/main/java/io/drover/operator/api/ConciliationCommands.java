package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Names;
import io.drover.api.state.ConciliationRequest;
import io.drover.api.state.Intent;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A user's decision about the duplicates of an application left for them (conciliation strategy USER):
 * {@code POST /api/v1/applications/{name}/conciliate?keep=PROCESS@NODE&strategy=S} keeps the copy on NODE for each
 * process named, and resolves the others with strategy S — Supvisors' per-copy "keep" and its {@code conciliate}.
 * Written into the application's intent with compare-and-set; the leader's planner acts on it.
 */
final class ConciliationCommands {

    private final EtcdStore store;
    private final Keyspace keys;
    private final Clock clock;
    private final IntentWriter intents;

    ConciliationCommands(EtcdStore store, Keyspace keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.intents = new IntentWriter(store, keys);
    }

    Map<String, Object> conciliate(String application, List<String> keeps, String strategyText) {
        Names.problem("application", application).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        store.get(keys.application(application), Application.class).map(Versioned::value)
                .orElseThrow(() -> new ApiProblem(404, "NOT_MANAGED", "Not managed", "no application named '"
                        + application + "' is managed; apply it first"));
        Map<String, String> keep = new TreeMap<>();
        for (String entry : keeps) {
            int at = entry.lastIndexOf('@');
            if (at <= 0 || at == entry.length() - 1) {
                throw ApiProblem.invalid("keep '" + entry + "' must be PROCESS@NODE, e.g. keep=scen2_internal_data_bus@server_2");
            }
            String process = entry.substring(0, at);
            String node = entry.substring(at + 1);
            Names.problem("process", process).or(() -> Names.problem("node", node)).ifPresent(p -> {
                throw ApiProblem.invalid(p);
            });
            keep.put(process, node);
        }
        ConciliationStrategy strategy = null;
        if (strategyText != null && !strategyText.isBlank()) {
            try {
                strategy = ConciliationStrategy.valueOf(strategyText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "BAD_STRATEGY", "Bad strategy", "unknown conciliation strategy '" + strategyText
                        + "'; use one of " + Arrays.toString(ConciliationStrategy.values()));
            }
        }
        if (keep.isEmpty() && (strategy == null || strategy == ConciliationStrategy.USER)) {
            throw new ApiProblem(400, "BAD_STRATEGY", "Nothing decided", "name the copy to keep (keep=PROCESS@NODE) or a"
                    + " strategy other than USER (strategy=SENICIDE, INFANTICIDE, STOP, RESTART or RUNNING_FAILURE)");
        }
        String requestId = UUID.randomUUID().toString();
        ConciliationRequest decision = new ConciliationRequest(keep, strategy, requestId, clock.instant());
        long revision = intents.update(application, current -> current.map(i -> i.withConciliation(decision))
                .orElseGet(() -> Intent.conciliationOnly(decision)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", application);
        body.put("requestId", requestId);
        body.put("keep", keep);
        body.put("strategy", strategy);
        body.put("resourceVersion", revision);
        return body;
    }
}
