package io.drover.api.state;

import io.drover.api.model.Names;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a user last asked for an application ({@code v1/intents/<app>}): a desired state, not a command; the
 * reconciler drives toward it idempotently. Requests about single processes ride along in {@code processes}, so that
 * one compare-and-set write keeps an application's requests consistent.
 *
 * @param desired     RUNNING or STOPPED; null when the user asked nothing about the application as a whole, only
 *                    about some of its processes
 * @param action      the command that set {@code desired} (START, STOP, RESTART); null in intents written before
 *                    commands were recorded, where a RUNNING intent whose request id starts with "restart-" is a
 *                    restart
 * @param strategy    starting strategy name (as Supvisors' StartingStrategies), null for the application's default
 * @param targetNode  node to start on for the LOCAL strategy, null otherwise
 * @param requestId   id of the user request, echoed in assignments and events so a command can be traced
 * @param requestedAt when the user asked
 * @param processes   the last request about each single process, by process name; requests older than the
 *                    application's own are superseded by it
 * @param conciliation the user's last decision about duplicates left for them, null when none
 */
public record Intent(DesiredState desired, IntentAction action, String strategy, String targetNode, String requestId,
                     Instant requestedAt, Map<String, ProcessIntent> processes, ConciliationRequest conciliation) {

    public Intent {
        if (desired == null && (action != null || strategy != null || targetNode != null)) {
            throw new IllegalArgumentException("an intent with an action, a strategy or a node needs a desired state");
        }
        if (action != null && action.desired() != desired) {
            throw new IllegalArgumentException("action " + action + " does not leave the application " + desired);
        }
        if (targetNode != null) {
            Names.require("target node", targetNode);
        }
        processes = processes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(processes));
    }

    public Intent(DesiredState desired, IntentAction action, String strategy, String targetNode, String requestId,
                  Instant requestedAt, Map<String, ProcessIntent> processes) {
        this(desired, action, strategy, targetNode, requestId, requestedAt, processes, null);
    }

    /** An application-level request without process requests. */
    public Intent(DesiredState desired, String strategy, String targetNode, String requestId, Instant requestedAt) {
        this(desired, null, strategy, targetNode, requestId, requestedAt, Map.of());
    }

    /** An application-level command. */
    public static Intent of(IntentAction action, String strategy, String targetNode, String requestId, Instant requestedAt) {
        return new Intent(action.desired(), action, strategy, targetNode, requestId, requestedAt, Map.of());
    }

    /** Only process requests: the application itself goes on as it would without any intent. */
    public static Intent processesOnly(String process, ProcessIntent request) {
        return new Intent(null, null, null, null, null, null, Map.of(process, request));
    }

    /** Whether the user asked something about the application as a whole. */
    public boolean hasApplicationRequest() {
        return desired != null;
    }

    /** This intent with {@code request} as the last request about {@code process}. */
    public Intent withProcess(String process, ProcessIntent request) {
        Map<String, ProcessIntent> updated = new TreeMap<>(processes);
        updated.put(process, request);
        return new Intent(desired, action, strategy, targetNode, requestId, requestedAt, updated, conciliation);
    }

    /** This intent with {@code decision} as the user's decision about duplicates. */
    public Intent withConciliation(ConciliationRequest decision) {
        return new Intent(desired, action, strategy, targetNode, requestId, requestedAt, processes, decision);
    }

    /** Only a decision about duplicates: the application itself goes on as it would without any intent. */
    public static Intent conciliationOnly(ConciliationRequest decision) {
        return new Intent(null, null, null, null, null, null, Map.of(), decision);
    }
}
