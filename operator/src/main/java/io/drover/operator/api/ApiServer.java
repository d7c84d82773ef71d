package io.drover.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.api.keyspace.ProcessRef;
import io.drover.api.manifest.InputFormat;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSet;
import io.drover.api.model.Names;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.Assignment;
import io.drover.api.state.DesiredState;
import io.drover.api.state.EventRecord;
import io.drover.api.state.Intent;
import io.drover.api.state.IntentAction;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.NodeStats;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Guards;
import io.drover.api.store.StoreException;
import io.drover.api.store.ValueCodec;
import io.drover.api.store.Versioned;
import io.drover.operator.OperatorNode;
import io.drover.operator.informer.ClusterCache;
import io.drover.operator.informer.Informer;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of one operator replica (every replica serves it): reads answer from the replica's informer caches,
 * writes go through etcd with compare-and-set. Errors are RFC 7807 {@code application/problem+json} with a machine
 * {@code code}. Bearer tokens with roles protect {@code /api}: reads need viewer, commands operator, apply and delete
 * admin; {@code /healthz}, {@code /readyz} and {@code /v1/health} are open.
 */
public final class ApiServer implements AutoCloseable {

    /**
     * Where and how to serve. {@code tokens} null means no authentication, allowed only on a loopback address;
     * {@code authHealth} makes the health and metrics endpoints need a viewer token too; {@code tls} null serves
     * plain HTTP; {@code agentToken} is presented to the agents when proxying logs (null: none).
     */
    public record Settings(String host, int port, ApiTokens tokens, int maxBodyBytes, boolean authHealth,
                           TlsSettings tls, String agentToken) {

        public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

        public Settings {
            Objects.requireNonNull(host, "host");
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
        }

        public Settings(String host, int port, ApiTokens tokens, int maxBodyBytes) {
            this(host, port, tokens, maxBodyBytes, false, null, null);
        }

        public Settings(String host, int port, ApiTokens tokens) {
            this(host, port, tokens, DEFAULT_MAX_BODY_BYTES);
        }

        public Settings withAuthHealth(boolean required) {
            return new Settings(host, port, tokens, maxBodyBytes, required, tls, agentToken);
        }

        public Settings withTls(TlsSettings newTls) {
            return new Settings(host, port, tokens, maxBodyBytes, authHealth, newTls, agentToken);
        }

        public Settings withAgentToken(String token) {
            return new Settings(host, port, tokens, maxBodyBytes, authHealth, tls, token);
        }

        // secrets stay out of logs
        @Override
        public String toString() {
            return "Settings[host=" + host + ", port=" + port + ", tokens=" + (tokens == null ? "none" : tokens.size())
                    + ", maxBodyBytes=" + maxBodyBytes + ", authHealth=" + authHealth + ", tls=" + tls
                    + ", agentToken=" + (agentToken == null ? "none" : "(hidden)") + "]";
        }
    }

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String PROBLEM_WRITTEN = "drover.problem";
    private static final int DEFAULT_EVENT_LIMIT = 100;
    private static final int MAX_EVENT_LIMIT = 1000;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}");
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final OperatorNode operator;
    private final String id;
    private final ClusterCache cache;
    private final EtcdStore store;
    private final Keyspace keys;
    private final Settings settings;
    private final Applier applier;
    private final ObjectMapper mapper = Json.mapper();
    private final Javalin app;
    private final OperatorMetrics metrics;
    private final ChangeFeed feed;
    private final EventStream eventStream;
    private final ProcessCommands processCommands;
    private final ConciliationCommands conciliationCommands;
    private final CommandWait commandWait;
    private final IntentWriter intentWriter;
    private final LogProxy logProxy;
    private final byte[] openApi = OpenApi.document();

    private ApiServer(String id, OperatorNode operator, EtcdStore store, Settings settings, OperatorMetrics metrics) {
        this.id = id;
        this.operator = operator;
        this.cache = operator.cache();
        this.store = store;
        this.keys = cache.keyspace();
        this.settings = settings;
        this.applier = new Applier(store, keys, new DryRunPreview(operator.cache(), keys, operator.plannerSettings()));
        this.metrics = metrics;
        this.feed = ChangeFeed.start(store, keys, ChangeFeed.DEFAULT_RING);
        this.eventStream = new EventStream(feed, EventStream.DEFAULT_KEEP_ALIVE, EventStream.DEFAULT_MAX_STREAMS);
        this.processCommands = new ProcessCommands(store, keys, java.time.Clock.systemUTC());
        this.conciliationCommands = new ConciliationCommands(store, keys, java.time.Clock.systemUTC());
        this.commandWait = new CommandWait(cache, keys);
        this.intentWriter = new IntentWriter(store, keys);
        this.logProxy = new LogProxy(cache, settings.agentToken());
        metrics.bind(operator, feed::subscribers);
        try {
            this.app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.http.maxRequestSize = (long) settings.maxBodyBytes();
                if (settings.tls() != null) {
                    config.jetty.addConnector((server, http) -> settings.tls().connector(server, http,
                            settings.host(), settings.port()));
                }
            });
            routes();
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    /**
     * Starts serving on {@code settings.host():settings.port()} (port 0: a free one).
     *
     * @throws IllegalStateException when no tokens are given and the address is not a loopback one
     */
    public static ApiServer start(String id, OperatorNode operator, EtcdStore store, Settings settings) {
        return start(id, operator, store, settings, new OperatorMetrics());
    }

    /** As {@link #start(String, OperatorNode, EtcdStore, Settings)}, recording into {@code metrics}. */
    public static ApiServer start(String id, OperatorNode operator, EtcdStore store, Settings settings,
                                  OperatorMetrics metrics) {
        if (settings.tokens() == null) {
            if (!isLoopback(settings.host())) {
                throw new IllegalStateException("the API would listen on " + settings.host() + " without"
                        + " authentication; give a tokens file (--api-tokens-file) or bind it to a loopback address"
                        + " such as 127.0.0.1 (--http-host)");
            }
            LOG.warn("the API on {} has no tokens file: anyone who can reach this loopback address may read, command"
                    + " and apply", settings.host());
        }
        ApiServer server = new ApiServer(id, operator, store, settings, metrics);
        try {
            server.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            server.feed.close();
            throw e;
        }
        LOG.info("REST API listening on {}://{}:{}/api/v1 ({})", settings.tls() == null ? "http" : "https",
                settings.host(), server.port(),
                settings.tokens() == null ? "open, loopback only" : settings.tokens().size() + " bearer tokens");
        return server;
    }

    /** Whether every address {@code host} names is a loopback one (an unknown host is not). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        // the feed first: it ends the open event streams, which would otherwise hold the server's threads
        feed.close();
        app.stop();
    }

    // --- routing ---

    private void routes() {
        app.get("/healthz", healthGuarded(this::health));
        app.get("/v1/health", healthGuarded(this::health));
        app.get("/readyz", healthGuarded(ctx -> {
            boolean ready = cache.hasSynced();
            ctx.status(ready ? 200 : 503);
            json(ctx, Map.of("ready", ready));
        }));
        app.get("/metrics", healthGuarded(ctx -> {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream(16 * 1024);
            metrics.write(text);
            ctx.contentType(OperatorMetrics.CONTENT_TYPE).result(text.toByteArray());
        }));
        app.get("/api/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));

        app.get("/api/v1/applications", guarded(Role.VIEWER, ctx -> json(ctx, list("ApplicationList",
                cache.applications(), keys.applicationsPrefix(), this::manifestItem))));
        app.get("/api/v1/applications/{name}", guarded(Role.VIEWER, ctx -> json(ctx, manifestItem(
                one(cache.applications(), keys.application(name(ctx, "application")), "application", ctx)))));
        app.get("/api/v1/applicationsets", guarded(Role.VIEWER, ctx -> {
            var listed = store.list(keys.applicationSetsPrefix(), ApplicationSet.class);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", "ApplicationSetList");
            body.put("resourceVersion", listed.revision());
            body.put("items", listed.items().stream().map(this::manifestItem).toList());
            json(ctx, body);
        }));
        app.get("/api/v1/applicationsets/{name}", guarded(Role.VIEWER, ctx -> json(ctx, manifestItem(
                store.get(keys.applicationSet(name(ctx, "application set")), ApplicationSet.class).orElseThrow(() ->
                        ApiProblem.notFound("no application set named '" + ctx.pathParam("name") + "'"))))));
        app.delete("/api/v1/applicationsets/{name}", guarded(Role.ADMIN, this::deleteApplicationSet));
        app.get("/api/v1/rulesets", guarded(Role.VIEWER, ctx -> json(ctx, list("RuleSetList",
                cache.ruleSets(), keys.ruleSetsPrefix(), this::manifestItem))));
        app.get("/api/v1/rulesets/{name}", guarded(Role.VIEWER, ctx -> json(ctx, manifestItem(
                one(cache.ruleSets(), keys.ruleSet(name(ctx, "rule set")), "rule set", ctx)))));
        app.get("/api/v1/status/applications", guarded(Role.VIEWER, ctx -> json(ctx, list("ApplicationStatusList",
                cache.applicationStatuses(), keys.applicationStatusesPrefix(), this::statusItem))));
        app.get("/api/v1/status/applications/{name}", guarded(Role.VIEWER, ctx -> {
            String name = name(ctx, "application");
            var status = cache.applicationStatuses().get(keys.applicationStatus(name));
            if (status.isEmpty()) {
                throw ApiProblem.notFound(cache.applications().get(keys.application(name)).isPresent()
                        ? "application '" + name + "' has no status yet: the leader has not reconciled it"
                        : "no application named '" + name + "'");
            }
            json(ctx, statusItem(name, status.get()));
        }));
        app.get("/api/v1/nodes", guarded(Role.VIEWER, this::nodes));
        app.get("/api/v1/processes", guarded(Role.VIEWER, this::processes));
        app.get("/api/v1/events", guarded(Role.VIEWER, this::events));
        app.get("/api/v1/events/stream", guarded(Role.VIEWER, eventStream::serve));
        app.get("/api/v1/processes/{app}/{process}/log", guarded(Role.VIEWER, logProxy::serve));
        app.post("/api/v1/processes/{app}/{process}/{action}", guarded(Role.OPERATOR, ctx -> {
            var accepted = processCommands.command(ctx.pathParam("app"), ctx.pathParam("process"),
                    ctx.pathParam("action"), ctx.queryParam("strategy"), ctx.queryParam("node"));
            ctx.status(202);
            json(ctx, accepted.body());
        }));

        app.post("/api/v1/applications/{name}/conciliate", guarded(Role.OPERATOR, ctx -> {
            ctx.status(202);
            json(ctx, conciliationCommands.conciliate(ctx.pathParam("name"), ctx.queryParams("keep"),
                    ctx.queryParam("strategy")));
        }));
        app.post("/api/v1/applications/{name}/{action}", guarded(Role.OPERATOR, this::command));

        app.put("/api/v1/apply", guarded(Role.ADMIN, this::apply));
        app.delete("/api/v1/applications/{name}", guarded(Role.ADMIN, ctx -> delete(ctx, Application.KIND,
                keys.application(name(ctx, "application")), true)));
        app.delete("/api/v1/rulesets/{name}", guarded(Role.ADMIN, ctx -> delete(ctx, "RuleSet",
                keys.ruleSet(name(ctx, "rule set")), false)));

        app.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, ApiProblem.invalid(e.getMessage())));
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("{} {}: etcd: {}", ctx.method(), ctx.path(), e.getMessage());
            problem(ctx, new ApiProblem(503, "STORE_UNAVAILABLE", "Store unavailable",
                    "etcd did not answer in time; retry shortly"));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, new ApiProblem(500, "INTERNAL", "Internal error",
                    "the operator failed to answer; its log says why"));
        });
        app.error(404, ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(ctx, ApiProblem.notFound("no endpoint " + ctx.method() + " " + ctx.path()));
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(ctx, new ApiProblem(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
        app.error(413, ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(ctx, tooLarge());
            }
        });
    }

    private Handler guarded(Role required, Handler handler) {
        return ctx -> {
            authorize(ctx, required);
            handler.handle(ctx);
        };
    }

    /** Health, readiness and metrics: open, unless the operator was told to protect them ({@code --auth-health}). */
    private Handler healthGuarded(Handler handler) {
        return settings.authHealth() ? guarded(Role.VIEWER, handler) : handler;
    }

    private void authorize(Context ctx, Role required) {
        ApiTokens tokens = settings.tokens();
        if (tokens == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"drover\"");
            throw new ApiProblem(401, "UNAUTHORIZED", "Unauthorized",
                    "this endpoint needs a bearer token (Authorization: Bearer TOKEN)");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"drover\"");
            throw new ApiProblem(401, "UNAUTHORIZED", "Unauthorized",
                    "the Authorization header must be 'Bearer TOKEN'");
        }
        Optional<Role> role = tokens.roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"drover\", error=\"invalid_token\"");
            throw new ApiProblem(401, "UNAUTHORIZED", "Unauthorized", "the bearer token is not valid");
        }
        if (!role.get().allows(required)) {
            throw new ApiProblem(403, "FORBIDDEN", "Forbidden", ctx.method() + " " + ctx.path() + " needs the "
                    + required.label() + " role; this token has the " + role.get().label() + " role");
        }
    }

    // --- health ---

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("id", id);
        body.put("leader", operator.isLeader());
        operator.election().currentEpoch().ifPresent(epoch -> body.put("epoch", epoch));
        body.put("synced", cache.hasSynced());
        json(ctx, body);
    }

    // --- reads ---

    private interface ItemView<T> {
        Object view(String name, Versioned<T> item);
    }

    private <T> Map<String, Object> list(String kind, Informer<T> informer, String prefix, ItemView<T> view) {
        List<Object> items = new ArrayList<>();
        informer.snapshot().forEach((key, item) -> items.add(view.view(key.substring(prefix.length()), item)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("resourceVersion", informer.revision());
        body.put("items", items);
        return body;
    }

    private static <T> Versioned<T> one(Informer<T> informer, String key, String what, Context ctx) {
        return informer.get(key).orElseThrow(() -> ApiProblem.notFound("no " + what + " named '"
                + ctx.pathParam("name") + "'"));
    }

    private Object manifestItem(String name, Versioned<?> item) {
        return manifestItem(item);
    }

    /** The resource as applied, with {@code metadata.resourceVersion} added. */
    private Object manifestItem(Versioned<?> item) {
        JsonNode tree = mapper.valueToTree(item.value());
        if (tree instanceof ObjectNode object) {
            JsonNode metadata = object.get("metadata");
            ObjectNode meta = metadata instanceof ObjectNode m ? m : object.putObject("metadata");
            meta.put("resourceVersion", item.modRevision());
        }
        return tree;
    }

    private Object statusItem(String name, Versioned<?> item) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("resourceVersion", item.modRevision());
        body.put("status", item.value());
        body.put("processes", processesOf(name));
        return body;
    }

    /** Each process of {@code application} on each node: what it is told (assignment) and what it does (state). */
    private List<Map<String, Object>> processesOf(String application) {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        cache.assignments().snapshot().forEach((key, v) -> keys.parseAssignment(key)
                .filter(r -> r.application().equals(application)).ifPresent(r -> {
                    Map<String, Object> row = byKey.computeIfAbsent(r.process() + "@" + r.node(), k -> row(r));
                    row.put("desired", v.value().startsOnNode() ? "RUNNING" : v.value().adoptOnly() ? "HELD" : "STOPPED");
                    row.put("requestId", v.value().requestId());
                }));
        cache.processes().snapshot().forEach((key, v) -> keys.parseProcess(key)
                .filter(r -> r.application().equals(application)).ifPresent(r -> {
                    Map<String, Object> row = byKey.computeIfAbsent(r.process() + "@" + r.node(), k -> row(r));
                    row.put("state", v.value().state());
                    row.put("pid", v.value().pid());
                    row.put("startTime", v.value().startTime());
                    row.put("expectedExit", v.value().expectedExit());
                    row.put("spawnError", v.value().spawnError());
                }));
        return new ArrayList<>(byKey.values());
    }

    private static Map<String, Object> row(io.drover.api.keyspace.ProcessRef ref) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("process", ref.process());
        row.put("node", ref.node());
        return row;
    }

    private void nodes(Context ctx) {
        Map<String, Versioned<NodeInfo>> infos = new TreeMap<>();
        cache.nodes().snapshot().forEach((key, v) -> infos.put(key.substring(keys.nodesPrefix().length()), v));
        Map<String, Versioned<NodeStats>> stats = new TreeMap<>();
        cache.nodeStats().snapshot().forEach((key, v) -> stats.put(key.substring(keys.nodeStatsPrefix().length()), v));
        // nodes that still hold assignments but whose agent is gone are listed too, as not alive
        java.util.SortedSet<String> names = new java.util.TreeSet<>(infos.keySet());
        cache.assignments().snapshot().keySet().forEach(k -> keys.parseAssignment(k).ifPresent(r -> names.add(r.node())));
        List<Object> items = new ArrayList<>();
        for (String name : names) {
            Versioned<NodeInfo> info = infos.get(name);
            Versioned<NodeStats> stat = stats.get(name);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            item.put("alive", info != null);
            if (info != null) {
                item.put("resourceVersion", info.modRevision());
                item.put("info", info.value());
            }
            if (stat != null) {
                item.put("stats", stat.value());
            }
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "NodeList");
        body.put("resourceVersion", cache.nodes().revision());
        body.put("items", items);
        json(ctx, body);
    }

    private void processes(Context ctx) {
        String application = optionalName(ctx, "application", "application");
        String node = optionalName(ctx, "node", "node");
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        cache.assignments().snapshot().forEach((key, v) -> keys.parseAssignment(key).ifPresent(ref -> {
            if (matches(ref, application, node)) {
                Map<String, Object> row = row(rows, ref);
                Assignment a = v.value();
                row.put("desired", a.desired());
                row.put("specHash", a.specHash());
                if (a.requestId() != null) {
                    row.put("requestId", a.requestId());
                }
                row.put("assignmentResourceVersion", v.modRevision());
            }
        }));
        cache.processes().snapshot().forEach((key, v) -> keys.parseProcess(key).ifPresent(ref -> {
            if (matches(ref, application, node)) {
                Map<String, Object> row = row(rows, ref);
                ProcessStatus observed = v.value();
                row.put("state", observed.state());
                row.put("observed", observed);
                row.put("resourceVersion", v.modRevision());
            }
        }));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "ProcessList");
        body.put("resourceVersion", Math.max(cache.assignments().revision(), cache.processes().revision()));
        body.put("items", new ArrayList<>(rows.values()));
        json(ctx, body);
    }

    private static boolean matches(ProcessRef ref, String application, String node) {
        return (application == null || application.equals(ref.application()))
                && (node == null || node.equals(ref.node()));
    }

    private static Map<String, Object> row(Map<String, Map<String, Object>> rows, ProcessRef ref) {
        return rows.computeIfAbsent(ref.node() + "/" + ref.application() + "/" + ref.process(), k -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node", ref.node());
            row.put("application", ref.application());
            row.put("process", ref.process());
            return row;
        });
    }

    private void events(Context ctx) {
        String application = optionalName(ctx, "application", "application");
        int limit = DEFAULT_EVENT_LIMIT;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_EVENT_LIMIT) {
                throw ApiProblem.invalid("limit must be a whole number from 1 to " + MAX_EVENT_LIMIT + ", not '"
                        + limitText + "'");
            }
        }
        var listing = store.listRaw(keys.eventsPrefix());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Versioned<String> raw : listing.items()) {
            EventRecord event;
            try {
                event = ValueCodec.decode(raw, EventRecord.class).value();
            } catch (RuntimeException undecodable) {
                continue;
            }
            if (application != null && !concerns(event, application)) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("time", event.time());
            item.put("type", event.type());
            item.put("source", event.source());
            item.put("object", event.object());
            item.put("reason", event.reason());
            item.put("message", event.message());
            item.put("resourceVersion", raw.modRevision());
            items.add(item);
        }
        List<Map<String, Object>> newest = items.subList(Math.max(0, items.size() - limit), items.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "EventList");
        body.put("resourceVersion", listing.revision());
        body.put("items", newest);
        json(ctx, body);
    }

    private static boolean concerns(EventRecord event, String application) {
        String object = event.object();
        return object != null && (object.equals("application/" + application)
                || object.startsWith("process/" + application + "/")
                || object.startsWith("process/" + application + ":"));
    }

    // --- commands ---

    private void command(Context ctx) {
        String name = name(ctx, "application");
        String action = ctx.pathParam("action").toLowerCase(Locale.ROOT);
        if (!List.of("start", "stop", "restart").contains(action)) {
            throw ApiProblem.notFound("no command '" + ctx.pathParam("action") + "'; the commands are start, stop"
                    + " and restart");
        }
        Map<String, String> params = commandParameters(ctx);
        if (store.getRaw(keys.application(name)).isEmpty()) {
            throw ApiProblem.notFound("no application named '" + name + "'");
        }
        String strategy = params.get("strategy");
        if (strategy != null) {
            String upper = strategy.trim().toUpperCase(Locale.ROOT);
            try {
                strategy = StartingStrategy.valueOf(upper).name();
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "BAD_STRATEGY", "Bad strategy", "unknown starting strategy '" + strategy
                        + "'; use one of " + java.util.Arrays.toString(StartingStrategy.values()));
            }
        }
        String node = params.get("node");
        if (node != null) {
            Names.problem("node", node).ifPresent(p -> {
                throw ApiProblem.invalid(p);
            });
            if (strategy == null) {
                strategy = StartingStrategy.LOCAL.name();
            } else if (!StartingStrategy.LOCAL.name().equals(strategy)) {
                throw new ApiProblem(400, "BAD_STRATEGY", "Bad strategy", "a node is given only with the LOCAL"
                        + " strategy, not " + strategy);
            }
        } else if (StartingStrategy.LOCAL.name().equals(strategy) && !"stop".equals(action)) {
            throw new ApiProblem(400, "BAD_STRATEGY", "Bad strategy", "the LOCAL strategy needs a node");
        }
        Duration wait = CommandWait.parse(ctx.queryParam("wait"));
        String requestId = UUID.randomUUID().toString();
        IntentAction command = IntentAction.valueOf(action.toUpperCase(java.util.Locale.ROOT));
        if (command == IntentAction.START) {
            // at most one running instance of an application (Supvisors' ALREADY_STARTED): said now, not only later
            cache.applicationStatuses().get(keys.applicationStatus(name)).map(Versioned::value)
                    .filter(s -> s.state() != io.drover.api.state.ApplicationState.STOPPED).ifPresent(s -> {
                        throw new ApiProblem(409, "ALREADY_RUNNING", "Already running", "application '" + name
                                + "' is " + s.state() + "; at most one instance of an application runs: stop or restart it");
                    });
        }
        if (command == IntentAction.STOP) {
            strategy = null;
            node = null;
        }
        Intent intent = Intent.of(command, strategy, node, requestId, Instant.now());
        // a new application request supersedes the process requests and the conciliation decision: they are dropped,
        // but through compare-and-set, so that one written meanwhile is never silently lost before being superseded
        long revision = intentWriter.update(name, current -> intent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", name);
        body.put("action", action);
        body.put("intent", intent);
        body.put("resourceVersion", revision);
        if (wait != null) {
            try {
                body.put("status", commandWait.await(name, requestId, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiProblem(503, "INTERRUPTED", "Interrupted", "the operator is stopping; the request goes on");
            }
            ctx.status(200);
        } else {
            ctx.status(202);
        }
        json(ctx, body);
    }

    private Map<String, String> commandParameters(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        byte[] body = body(ctx);
        if (body.length > 0 && !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            JsonNode tree;
            try {
                tree = mapper.readTree(body);
            } catch (IOException e) {
                throw ApiProblem.invalid("the command body must be a JSON object such as {\"strategy\":"
                        + " \"LESS_LOADED\"}: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (tree == null || !tree.isObject()) {
                throw ApiProblem.invalid("the command body must be a JSON object");
            }
            var fields = tree.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!List.of("strategy", "node").contains(field.getKey())) {
                    throw ApiProblem.invalid("unknown field '" + field.getKey() + "' in the command body; the fields"
                            + " are strategy and node");
                }
                if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                    throw ApiProblem.invalid("'" + field.getKey() + "' must be a string");
                }
                if (field.getValue().isTextual()) {
                    params.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        for (String name : List.of("strategy", "node")) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                params.put(name, value);
            }
        }
        return params;
    }

    // --- writes ---

    private void apply(Context ctx) {
        boolean dryRun = booleanParam(ctx, "dryRun");
        String fileName = ctx.queryParam("filename");
        InputFormat format;
        if (fileName != null) {
            fileName = fileName.replace('\\', '/');
            fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
            if (!FILE_NAME.matcher(fileName).matches()) {
                throw ApiProblem.invalid("filename '" + abbreviate(ctx.queryParam("filename")) + "' is not a plain file"
                        + " name (letters, digits, '_', '.', '-', '@', '+')");
            }
            String given = fileName;
            format = InputFormat.ofFileName(fileName).orElseThrow(() -> new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Unsupported media type", "drover does not know what kind of file '" + given + "' is; name it with"
                    + " one of " + InputFormat.knownExtensions()));
        } else {
            format = formatOf(ctx.contentType());
            fileName = switch (format) {
                case YAML -> "manifest.yaml";
                case JSON -> "manifest.json";
                case SUPVISORS_XML -> "rules.xml";
                case SUPERVISOR_INI -> "supervisord.conf";
            };
        }
        Long resourceVersion = null;
        String versionText = ctx.queryParam("resourceVersion");
        if (versionText != null) {
            try {
                resourceVersion = Long.parseLong(versionText.trim());
            } catch (NumberFormatException e) {
                resourceVersion = -1L;
            }
            if (resourceVersion < 0) {
                throw ApiProblem.invalid("resourceVersion must be a whole number, not '" + abbreviate(versionText) + "'");
            }
        }
        byte[] body = body(ctx);
        if (body.length == 0) {
            throw ApiProblem.invalid("the request has no body; send the manifests, rules or configuration to apply");
        }
        json(ctx, applier.apply(body, format, fileName, resourceVersion, dryRun));
    }

    private static InputFormat formatOf(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> InputFormat.YAML;
            case "application/json" -> InputFormat.JSON;
            case "application/xml", "text/xml" -> InputFormat.SUPVISORS_XML;
            case "text/x-ini", "application/x-ini", "text/x-supervisor-conf" -> InputFormat.SUPERVISOR_INI;
            default -> throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "send YAML (application/yaml), JSON (application/json), Supvisors rules (application/xml) or"
                            + " Supervisor configuration (text/x-ini), or name the file with ?filename=,"
                            + (type.isEmpty() ? " the request has no Content-Type" : " not " + type));
        };
    }

    private void delete(Context ctx, String kind, String key, boolean withIntent) {
        String name = ctx.pathParam("name");
        Versioned<String> current = store.getRaw(key).orElseThrow(() -> ApiProblem.notFound("no "
                + (withIntent ? "application" : "rule set") + " named '" + name + "'"));
        requireVersion(ctx, kind, name, current);
        List<Op> ops = new ArrayList<>();
        ops.add(EtcdStore.deleteOp(key));
        if (withIntent) {
            ops.add(EtcdStore.deleteOp(keys.intent(name)));
        }
        TxnResponse response = store.txn("delete " + kind, List.of(Guards.modRevisionIs(key, current.modRevision())),
                ops, List.of());
        if (!response.isSucceeded()) {
            throw ApiProblem.conflict(kind + " '" + name + "' changed while it was being deleted; read it again");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("name", name);
        body.put("deleted", true);
        body.put("resourceVersion", response.getHeader().getRevision());
        json(ctx, body);
    }

    /**
     * Deletes an application set with the applications it made (labelled with its name) and their intents, in one
     * transaction conditioned on the set's revision: the operator then stops their processes.
     */
    private void deleteApplicationSet(Context ctx) {
        String name = name(ctx, "application set");
        String key = keys.applicationSet(name);
        Versioned<String> current = store.getRaw(key).orElseThrow(() -> ApiProblem.notFound("no application set named '"
                + name + "'"));
        requireVersion(ctx, "ApplicationSet", name, current);
        List<Op> ops = new ArrayList<>();
        ops.add(EtcdStore.deleteOp(key));
        List<String> applications = new ArrayList<>();
        for (Versioned<Application> application : store.list(keys.applicationsPrefix(), Application.class).items()) {
            Map<String, String> labels = application.value().metadata().labels();
            if (labels != null && name.equals(labels.get(io.drover.api.manifest.ApplicationSets.SET_LABEL))) {
                applications.add(application.value().name());
                ops.add(EtcdStore.deleteOp(application.key()));
                ops.add(EtcdStore.deleteOp(keys.intent(application.value().name())));
            }
        }
        if (ops.size() > 127) {
            throw new ApiProblem(422, "TOO_LARGE", "Too large", "application set '" + name + "' made " + applications.size()
                    + " applications, more than one transaction deletes; delete some of them first");
        }
        TxnResponse response = store.txn("delete ApplicationSet", List.of(Guards.modRevisionIs(key, current.modRevision())),
                ops, List.of());
        if (!response.isSucceeded()) {
            throw ApiProblem.conflict("ApplicationSet '" + name + "' changed while it was being deleted; read it again");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "ApplicationSet");
        body.put("name", name);
        body.put("deleted", true);
        body.put("applications", applications);
        body.put("resourceVersion", response.getHeader().getRevision());
        json(ctx, body);
    }

    // --- helpers ---

    /** A delete's optional {@code resourceVersion}: a stale one is a conflict. */
    private static void requireVersion(Context ctx, String kind, String name, Versioned<String> current) {
        String versionText = ctx.queryParam("resourceVersion");
        if (versionText == null) {
            return;
        }
        long expected;
        try {
            expected = Long.parseLong(versionText.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("resourceVersion must be a whole number, not '" + abbreviate(versionText) + "'");
        }
        if (expected != current.modRevision()) {
            throw ApiProblem.conflict(kind + " '" + name + "' is at resourceVersion " + current.modRevision()
                    + ", not " + expected + "; read it again before deleting it");
        }
    }

    /** The request body, refused with 413 beyond the limit whatever the Content-Length says. */
    private byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        try {
            byte[] bytes = ctx.req().getInputStream().readNBytes(settings.maxBodyBytes() + 1);
            if (bytes.length > settings.maxBodyBytes()) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "TOO_LARGE", "Payload too large", "the request body is larger than "
                + settings.maxBodyBytes() + " bytes; split it into several requests");
    }

    private static String name(Context ctx, String what) {
        String name = ctx.pathParam("name");
        Names.problem(what, name).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        return name;
    }

    private static String optionalName(Context ctx, String parameter, String what) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Names.problem(what, value).ifPresent(p -> {
            throw ApiProblem.invalid(p);
        });
        return value;
    }

    static boolean booleanParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiProblem.invalid(name + " must be true or false, not '" + abbreviate(value) + "'");
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private void json(Context ctx, Object body) {
        try {
            ctx.contentType(JSON).result(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void problem(Context ctx, ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        body.put("instance", ctx.path());
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        try {
            ctx.status(problem.status()).contentType(PROBLEM_JSON).result(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"status\":500,\"code\":\"INTERNAL\"}");
        }
    }
}
