package io.drover.operator;

import io.drover.api.model.Names;
import io.drover.api.store.EtcdOptions;
import io.drover.api.store.EtcdStore;
import io.drover.api.supervisor.LocalHostName;
import io.drover.operator.planning.PlannerSettings;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drover-operator} (also {@code drover operator}): runs one operator replica until SIGTERM. */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {"Runs one drover operator replica. Run two or three: one leads and reconciles, the others stand"
                + " by and take over within about one lease TTL.",
                "Every option can also be given as an environment variable (shown in parentheses)."})
public final class OperatorCommand implements Callable<Integer> {

    @Mixin
    EtcdOptions etcd;

    @Option(names = "--id", defaultValue = "${env:DROVER_OPERATOR_ID}", paramLabel = "NAME",
            description = "This replica's name, unique among the replicas (env DROVER_OPERATOR_ID; default: host name"
                    + " and process id).")
    String id;

    @Option(names = "--lease-ttl", defaultValue = "${env:DROVER_OPERATOR_LEASE_TTL:-3s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "Leader lease, in whole seconds: a standby takes over about this long after the leader stops"
                    + " answering (env DROVER_OPERATOR_LEASE_TTL; default ${DEFAULT-VALUE}).")
    Duration leaseTtl;

    @Option(names = "--node-lease-ttl", defaultValue = "${env:DROVER_LEASE_TTL:-3s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "The agents' lease TTL: a new leader waits this long before declaring nodes lost"
                    + " (env DROVER_LEASE_TTL; default ${DEFAULT-VALUE}).")
    Duration nodeLeaseTtl;

    @Option(names = "--resync", defaultValue = "${env:DROVER_RESYNC:-30s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "How often every application is reconciled even without a change (env DROVER_RESYNC;"
                    + " default ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--http-port", defaultValue = "${env:DROVER_OPERATOR_HTTP_PORT:-0}", paramLabel = "PORT",
            description = "Port of the operator's health endpoint, GET /v1/health (env DROVER_OPERATOR_HTTP_PORT;"
                    + " 0: a free port; -1: none).")
    int httpPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OperatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        OperatorNode.Settings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EtcdStore store = EtcdStore.connect(etcd.connection(), EtcdStore.DEFAULT_TIMEOUT)) {
            OperatorNode operator = OperatorNode.start(settings, store);
            Javalin health = httpPort < 0 ? null : HealthEndpoint.start(operator, settings.id(), httpPort);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (health != null) {
                    health.stop();
                }
                operator.close();
                stopped.countDown();
            }, "drover-operator-shutdown"));
            stopped.await();
        }
        return 0;
    }

    OperatorNode.Settings settings() {
        String name = id == null || id.isBlank() ? LocalHostName.get() + "-" + ProcessHandle.current().pid() : id;
        Names.problem("operator id", name).ifPresent(problem -> {
            throw new CommandLine.ParameterException(new CommandLine(this), "--id: " + problem);
        });
        if (leaseTtl.toMillis() % 1000 != 0 || leaseTtl.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--lease-ttl must be whole seconds, at least 2s, not " + leaseTtl);
        }
        return new OperatorNode.Settings(name, etcd.keyspace(), leaseTtl, nodeLeaseTtl, resync,
                PlannerSettings.defaults().withEventSource("operator/" + name));
    }

    /** GET /v1/health: whether this replica leads, its epoch, whether its caches are synced. */
    static final class HealthEndpoint {
        private HealthEndpoint() {
        }

        static Javalin start(OperatorNode operator, String id, int port) {
            Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
            app.get("/v1/health", ctx -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", id);
                body.put("leader", operator.isLeader());
                operator.election().currentEpoch().ifPresent(epoch -> body.put("epoch", epoch));
                body.put("synced", operator.cache().hasSynced());
                ctx.json(body);
            });
            return app.start(port);
        }
    }
}
