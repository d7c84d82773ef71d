/**
 * The REST API every operator replica serves (Javalin): reads from the replica's informer caches, writes through
 * etcd with compare-and-set.
 *
 * <ul>
 *   <li>{@code GET /healthz} (always 200), {@code GET /readyz} (200 once the caches are synced, else 503),
 *       {@code GET /v1/health} (kept for older callers), {@code GET /metrics} (Prometheus) — open unless
 *       {@code --auth-health}; {@code GET /api/openapi.json} — always open.</li>
 *   <li>viewer: {@code GET /api/v1/applications[/{name}]}, {@code /api/v1/rulesets[/{name}]} (the resource with
 *       {@code metadata.resourceVersion}), {@code /api/v1/status/applications[/{name}]}, {@code /api/v1/nodes}
 *       (identity, measured load, alive), {@code /api/v1/processes?application=&node=} (desired from the
 *       assignment, observed from the agent), {@code /api/v1/events?application=&limit=} (newest last),
 *       {@code /api/v1/events/stream} (Server-Sent Events, resumable), {@code
 *       /api/v1/processes/{app}/{process}/log} (proxied to the node's agent).</li>
 *   <li>operator: {@code POST /api/v1/applications/{name}/start|stop|restart} with {@code strategy} and
 *       {@code node} (LOCAL) as query parameters or a JSON body; writes the application's intent, answers 202;
 *       {@code POST /api/v1/processes/{app}/{process}/start|stop|restart} adds a process request to it.</li>
 *   <li>admin: {@code PUT /api/v1/apply?dryRun=&filename=&resourceVersion=} with YAML/JSON manifests, Supvisors
 *       rules XML or Supervisor .ini/.conf (by {@code filename} or Content-Type); {@code DELETE
 *       /api/v1/applications/{name}} and {@code /api/v1/rulesets/{name}} (optional {@code resourceVersion}).</li>
 * </ul>
 *
 * <p>Errors are RFC 7807 {@code application/problem+json} with {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance}, a machine {@code code} (NOT_FOUND, INVALID_INPUT, CONFLICT, UNAUTHORIZED,
 * FORBIDDEN, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, BAD_STRATEGY, NOT_MANAGED, AGENT_UNAVAILABLE, AGENT_REFUSED,
 * TOO_MANY_STREAMS, STORE_UNAVAILABLE, INTERNAL) and, for invalid input,
 * {@code errors}: every diagnostic with its {@code file:line:column}.
 */
package io.drover.operator.api;
