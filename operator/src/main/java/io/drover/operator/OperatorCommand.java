package io.drover.operator;

import io.drover.api.model.ConciliationStrategy;
import io.drover.api.model.Names;
import io.drover.api.store.EtcdOptions;
import io.drover.api.store.EtcdStore;
import io.drover.api.supervisor.LocalHostName;
import io.drover.operator.api.ApiServer;
import io.drover.operator.api.ApiTokens;
import io.drover.operator.api.OperatorMetrics;
import io.drover.operator.api.TlsSettings;
import io.drover.operator.planning.PlannerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    @Option(names = "--expect-nodes", split = ",", defaultValue = "${env:DROVER_EXPECT_NODES}", paramLabel = "NODE",
            description = "The nodes automatic starts wait for, comma-separated, like Supvisors' supvisors_list: once"
                    + " they are all registered a new leader starts applications at once; without them, or until"
                    + " then, it waits --node-lease-ttl for the nodes to register (env DROVER_EXPECT_NODES).")
    List<String> expectedNodes;

    @Option(names = "--conciliation-strategy", defaultValue = "${env:DROVER_CONCILIATION_STRATEGY:-USER}",
            paramLabel = "STRATEGY",
            description = "How a process found running on several nodes is resolved in applications whose rules do not"
                    + " say: ${COMPLETION-CANDIDATES} (Supvisors' conciliation_strategy; env"
                    + " DROVER_CONCILIATION_STRATEGY; default ${DEFAULT-VALUE}: report and wait for a user).")
    ConciliationStrategy conciliationStrategy;

    @Option(names = "--resync", defaultValue = "${env:DROVER_RESYNC:-30s}", paramLabel = "DURATION",
            converter = io.drover.api.store.DurationConverter.class,
            description = "How often every application is reconciled even without a change (env DROVER_RESYNC;"
                    + " default ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--http-port", defaultValue = "${env:DROVER_OPERATOR_HTTP_PORT:-0}", paramLabel = "PORT",
            description = "Port of the REST API (/api/v1/...) and the health endpoints /healthz, /readyz and"
                    + " /v1/health (env DROVER_OPERATOR_HTTP_PORT; 0: a free port; -1: none).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "${env:DROVER_OPERATOR_HTTP_HOST:-127.0.0.1}", paramLabel = "ADDRESS",
            description = "Address the REST API listens on (env DROVER_OPERATOR_HTTP_HOST; default ${DEFAULT-VALUE})."
                    + " Any address other than a loopback one needs --api-tokens-file.")
    String httpHost;

    @Option(names = "--api-tokens-file", defaultValue = "${env:DROVER_API_TOKENS_FILE}", paramLabel = "FILE",
            description = "Bearer tokens of the REST API, one 'TOKEN ROLE' (or 'TOKEN: ROLE') per line; roles are"
                    + " viewer (reads), operator (also start/stop/restart) and admin (also apply/delete)"
                    + " (env DROVER_API_TOKENS_FILE). Without it the API is open and must listen on a loopback"
                    + " address.")
    Path apiTokensFile;

    @Option(names = "--auth-health", defaultValue = "${env:DROVER_AUTH_HEALTH:-false}",
            description = "Require a viewer token on /healthz, /readyz, /v1/health and /metrics too (env"
                    + " DROVER_AUTH_HEALTH); they are open by default, for probes and scrapers.")
    boolean authHealth;

    @Option(names = "--api-max-body", defaultValue = "${env:DROVER_API_MAX_BODY:-4MiB}", paramLabel = "SIZE",
            description = "Largest request body the REST API reads, such as 4MiB or 512KiB; larger ones get 413"
                    + " (env DROVER_API_MAX_BODY; default ${DEFAULT-VALUE}).")
    String apiMaxBody;

    @Option(names = "--tls-keystore", defaultValue = "${env:DROVER_TLS_KEYSTORE}", paramLabel = "FILE",
            description = "Serve the REST API over HTTPS with the key and certificate of this PKCS12 (or .jks)"
                    + " keystore (env DROVER_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", defaultValue = "${env:DROVER_TLS_KEYSTORE_PASSWORD_FILE}",
            paramLabel = "FILE", description = "File whose first line is the keystore's password (env"
                    + " DROVER_TLS_KEYSTORE_PASSWORD_FILE); none: an empty password.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--agent-token-file", defaultValue = "${env:DROVER_AGENT_TOKEN_FILE}", paramLabel = "FILE",
            description = "File holding the token of the agents' HTTP endpoints (their --api-token-file), used to"
                    + " fetch process logs for GET /api/v1/processes/{app}/{process}/log (env"
                    + " DROVER_AGENT_TOKEN_FILE).")
    Path agentTokenFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OperatorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        OperatorNode.Settings settings = settings();
        ApiServer.Settings api = apiSettings();
        CountDownLatch stopped = new CountDownLatch(1);
        OperatorMetrics metrics = new OperatorMetrics();
        try (EtcdStore store = EtcdStore.connect(etcd.connection(), EtcdStore.DEFAULT_TIMEOUT,
                List.of(metrics.etcdInterceptor()))) {
            OperatorNode operator = OperatorNode.start(settings, store);
            ApiServer server;
            try {
                server = api == null ? null : ApiServer.start(settings.id(), operator, store, api, metrics);
            } catch (RuntimeException e) {
                operator.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (server != null) {
                    server.close();
                }
                operator.close();
                stopped.countDown();
            }, "drover-operator-shutdown"));
            stopped.await();
        }
        return 0;
    }

    /** Where the REST API listens and its tokens, or null for no API ({@code --http-port -1}). */
    ApiServer.Settings apiSettings() {
        if (httpPort < 0) {
            return null;
        }
        if (httpPort > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--http-port must be -1 to 65535, not "
                    + httpPort);
        }
        ApiTokens tokens = null;
        if (apiTokensFile != null) {
            try {
                tokens = ApiTokens.read(apiTokensFile);
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--api-tokens-file: "
                        + (e instanceof IOException ? "cannot read " + apiTokensFile + ": " + e.getMessage()
                        : e.getMessage()));
            }
        } else if (!ApiServer.isLoopback(httpHost)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "the REST API would listen on " + httpHost
                    + " without authentication: give --api-tokens-file, or listen on a loopback address such as"
                    + " 127.0.0.1 (--http-host)");
        }
        TlsSettings tls = null;
        if (tlsKeystore != null) {
            try {
                tls = TlsSettings.of(tlsKeystore, tlsKeystorePasswordFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--tls-keystore: " + e.getMessage());
            }
        } else if (tlsKeystorePasswordFile != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls-keystore-password-file needs"
                    + " --tls-keystore");
        }
        String agentToken = null;
        if (agentTokenFile != null) {
            try {
                agentToken = java.nio.file.Files.readString(agentTokenFile).strip();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--agent-token-file: cannot read "
                        + agentTokenFile + ": " + e.getMessage());
            }
            if (agentToken.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--agent-token-file " + agentTokenFile
                        + " is empty");
            }
        }
        if (authHealth && tokens == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--auth-health needs --api-tokens-file");
        }
        return new ApiServer.Settings(httpHost, httpPort, tokens, maxBody()).withAuthHealth(authHealth).withTls(tls)
                .withAgentToken(agentToken);
    }

    /** {@code --api-max-body} in bytes: a number with an optional B, KiB or MiB (also KB/MB, K/M, read as binary). */
    int maxBody() {
        String text = apiMaxBody == null ? "" : apiMaxBody.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d{1,10})\\s*(b|k|kb|kib|m|mb|mib)?")
                .matcher(text);
        if (m.matches()) {
            long value = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT);
            long bytes = value * (unit.startsWith("k") ? 1024L : unit.startsWith("m") ? 1024L * 1024 : 1L);
            if (bytes >= 1024 && bytes <= 256L * 1024 * 1024) {
                return (int) bytes;
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(this), "--api-max-body must be a size from 1KiB to"
                + " 256MiB such as 4MiB, not '" + apiMaxBody + "'");
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
        Set<String> expected = new TreeSet<>();
        for (String node : expectedNodes == null ? List.<String>of() : expectedNodes) {
            String trimmed = node.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Names.problem("node id", trimmed).ifPresent(problem -> {
                throw new CommandLine.ParameterException(new CommandLine(this), "--expect-nodes: " + problem);
            });
            expected.add(trimmed);
        }
        return new OperatorNode.Settings(name, etcd.keyspace(), leaseTtl, nodeLeaseTtl, resync,
                PlannerSettings.defaults().withEventSource("operator/" + name).withConciliation(conciliationStrategy), expected);
    }
}
