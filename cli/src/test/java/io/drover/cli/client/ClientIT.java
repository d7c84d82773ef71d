package io.drover.cli.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.api.keyspace.Keyspace;
import io.drover.cli.Run;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client verbs as users run them, against a real operator (REST API on a random port) over a real etcd, with
 * two real node agents running real processes: output formats, exit codes, --wait, watch and errors.
 */
class ClientIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static TestCluster cluster;

    @BeforeAll
    static void setUp() {
        cluster = new TestCluster(etcd.store(), Keyspace.withPrefix(etcd.freshPrefix()), dir.resolve("nodes"),
                List.of("node-a", "node-b"));
        await().atMost(WITHIN).until(() -> {
            Run nodes = drover("get", "nodes");
            return nodes.exitCode() == 0 && nodes.out().lines().filter(l -> l.contains(" Ready ")).count() == 2;
        });
    }

    @AfterAll
    static void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    // --- running drover ---

    /** drover with the server and the admin token. */
    static Run drover(String... args) {
        return as(TestCluster.ADMIN, args);
    }

    static Run as(String token, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--server", cluster.url(), "--token", token));
        return Run.drover(all.toArray(String[]::new));
    }

    static Path manifest(String name, String command) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  startSequence: 1
                  startingStrategy: LESS_LOADED
                  programs:
                  - name: worker
                    command: %s
                    startSequence: 1
                    startSecs: 1
                    startRetries: 0
                    required: true
                """.formatted(name, command));
        return file;
    }

    /** The cells of the line of a table whose first cell is {@code first}. */
    static List<String> row(String table, String first) {
        return table.lines().map(l -> List.of(l.trim().split("\\s+"))).filter(cells -> cells.get(0).equals(first))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + first + " in\n" + table));
    }

    static void assertOk(Run run) {
        assertEquals(0, run.exitCode(), run.toString());
    }

    // --- tests ---

    @Test
    void applyWaitsUntilRunningThenEveryFormatShowsTheApplication() throws Exception {
        Path file = manifest("shop", "sleep 900");
        Run dry = drover("apply", "-f", file.toString(), "--dry-run");
        assertOk(dry);
        assertTrue(dry.out().contains("application/shop created (dry run)"), dry.toString());
        assertEquals(ExitCode.NOT_FOUND, drover("get", "applications", "shop").exitCode(), "a dry run writes nothing");

        Run apply = drover("apply", "-f", file.toString(), "--wait", "--timeout", "60s");
        assertOk(apply);
        assertTrue(apply.out().contains("application/shop created"), apply.toString());
        assertTrue(apply.out().contains("RUNNING"), "the progress shows the state: " + apply);

        Run table = drover("get", "applications");
        assertOk(table);
        assertTrue(table.out().startsWith("NAME "), table.out());
        List<String> shop = row(table.out(), "shop");
        assertEquals(List.of("shop", "RUNNING", "-", "1/1"), shop.subList(0, 4));
        int stateColumn = table.out().lines().findFirst().orElseThrow().indexOf("STATE");
        assertTrue(table.out().lines().allMatch(l -> l.length() <= stateColumn || l.charAt(stateColumn - 1) == ' '),
                "aligned:\n" + table.out());

        Run wide = drover("get", "app", "shop", "-o", "wide");
        assertOk(wide);
        assertTrue(wide.out().contains("LESS_LOADED"), wide.out());

        JsonNode json = Json.mapper().readTree(drover("get", "application", "shop", "-o", "json").out());
        assertEquals("shop", json.path("metadata").path("name").asText());
        assertEquals("RUNNING", json.path("status").path("state").asText());
        assertTrue(json.path("metadata").path("resourceVersion").asLong() > 0);

        Run yaml = drover("get", "applications", "-o", "yaml");
        assertTrue(yaml.out().contains("kind: List") && yaml.out().contains("name: shop"), yaml.out());
        assertTrue(drover("get", "applications", "-o", "name").out().lines().anyMatch("application/shop"::equals));

        Run supvisors = drover("get", "applications", "-o", "supvisors");
        assertOk(supvisors);
        assertEquals(List.of("application_name", "managed", "statecode", "statename", "major_failure", "minor_failure",
                "now"), row(supvisors.out(), "application_name"));
        assertEquals(List.of("shop", "True", "2", "RUNNING", "False", "False"), row(supvisors.out(), "shop").subList(0, 6));

        Run processes = drover("get", "processes", "shop", "-o", "supvisors");
        assertOk(processes);
        List<String> worker = row(processes.out(), "shop");
        assertEquals(List.of("shop", "worker", "20", "RUNNING", "True"), worker.subList(0, 5));
        assertTrue(worker.get(5).matches("node-[ab]"), "identifiers: the node running it: " + worker);
        assertTrue(Long.parseLong(worker.get(6)) > 0, "pid " + worker);

        Run processTable = drover("get", "ps", "shop:worker", "-o", "wide");
        assertOk(processTable);
        assertEquals("RUNNING", row(processTable.out(), "shop").get(3), processTable.out());

        Run events = drover("get", "events", "shop");
        assertOk(events);
        assertTrue(events.out().contains("Placed"), events.out());

        Run describe = drover("describe", "application", "shop");
        assertOk(describe);
        for (String part : List.of("Name:", "State:", "RUNNING", "Conditions:", "Rules:", "starting_strategy",
                "LESS_LOADED", "Placement:", "worker", "Events:", "Placed")) {
            assertTrue(describe.out().contains(part), part + " in\n" + describe.out());
        }
    }

    @Test
    void conciliateSendsTheUsersDecisionAndRefusesAnEmptyOne() throws Exception {
        assertOk(drover("apply", "-f", manifest("twice", "sleep 914").toString(), "--wait"));
        Run empty = drover("conciliate", "twice");
        assertEquals(ExitCode.USAGE, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("--keep PROCESS@NODE"), empty.toString());
        assertEquals(ExitCode.USAGE, drover("conciliate", "twice", "--keep", "worker").exitCode());
        Run decided = drover("conciliate", "twice", "--keep", "worker@node-a", "--strategy", "SENICIDE");
        assertOk(decided);
        assertTrue(decided.out().startsWith("application/twice conciliation requested (request "), decided.toString());
        assertEquals(ExitCode.NOT_FOUND, drover("conciliate", "nosuchapp", "--strategy", "STOP").exitCode());
        assertOk(drover("delete", "application", "twice"));
    }

    @Test
    void supvisorsRulesAndSupervisorFilesAreAppliedTogether() {
        Run dry = drover("apply", "-f", Run.cases("scenario_2/etc"), "--env", "IDENTIFIER=console_1", "--dry-run");
        assertOk(dry);
        assertTrue(dry.out().contains("ruleset/"), dry.out());
        assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("application/scen2_") && l.endsWith("created (dry run)")),
                dry.out());
        assertFalse(drover("get", "applications").out().contains("scen2_"), "a dry run writes nothing");
    }

    @Test
    void valuesThatLookLikeNumbersOrBooleansStayStrings() throws Exception {
        Path file = dir.resolve("typed.yaml");
        Files.writeString(file, """
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: typed
                  labels:
                    tier: "1"
                spec:
                  programs:
                  - name: worker
                    command: "true"
                    autostart: false
                    environment:
                      PORT: "8080"
                      DEBUG: "yes"
                """);
        Run apply = drover("apply", "-f", file.toString());
        assertOk(apply);
        JsonNode typed = Json.mapper().readTree(drover("get", "app", "typed", "-o", "json").out());
        assertEquals("8080", typed.path("spec").path("programs").get(0).path("environment").path("PORT").textValue());
        assertEquals("yes", typed.path("spec").path("programs").get(0).path("environment").path("DEBUG").textValue());
        assertEquals("true", typed.path("spec").path("programs").get(0).path("command").textValue());
        assertTrue(drover("diff", "-f", file.toString()).out().contains("application/typed unchanged"));
        assertOk(drover("delete", "application", "typed"));
    }

    @Test
    void applyReadsStandardInput() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(Files.newInputStream(manifest("piped", "sleep 907")));
            Run piped = drover("apply", "-f", "-");
            assertOk(piped);
            assertTrue(piped.out().contains("application/piped created"), piped.toString());
        } finally {
            System.setIn(stdin);
        }
        assertOk(drover("delete", "application", "piped"));
        assertEquals(ExitCode.NOT_FOUND, drover("get", "app", "piped").exitCode());
    }

    @Test
    void diffShowsTheChangeAndApplyingItChangesTheResource() throws Exception {
        assertOk(drover("apply", "-f", manifest("ledger", "sleep 901").toString()));
        Path changed = manifest("ledger", "sleep 902");
        Run diff = drover("diff", "-f", changed.toString());
        assertOk(diff);
        assertTrue(diff.out().contains("-    command: sleep 901"), diff.out());
        assertTrue(diff.out().contains("+    command: sleep 902"), diff.out());
        assertTrue(diff.out().startsWith("application/ledger changed"), diff.out());

        assertOk(drover("apply", "-f", changed.toString()));
        Run unchanged = drover("diff", "-f", changed.toString());
        assertTrue(unchanged.out().contains("application/ledger unchanged"), unchanged.out());
        assertOk(drover("delete", "application", "ledger"));
    }

    @Test
    void startStopAndRestartWaitForTheirEnd() throws Exception {
        assertOk(drover("apply", "-f", manifest("radar", "sleep 903").toString(), "--wait"));

        Run stop = as(TestCluster.OPERATOR, "stop", "application", "radar", "--wait", "--timeout", "60s");
        assertOk(stop);
        assertTrue(stop.out().contains("application/radar is STOPPED"), stop.toString());
        assertEquals("STOPPED", row(drover("get", "applications").out(), "radar").get(1));

        Run start = as(TestCluster.OPERATOR, "start", "app", "radar", "--strategy", "less_loaded", "--wait");
        assertOk(start);
        assertTrue(start.out().contains("application/radar is RUNNING"), start.toString());

        String started = row(drover("get", "processes", "radar", "-o", "supvisors").out(), "radar").get(7);
        Run restart = as(TestCluster.OPERATOR, "restart", "application", "radar", "--wait");
        assertOk(restart);
        assertFalse(row(drover("get", "processes", "radar", "-o", "supvisors").out(), "radar").get(7).equals(started),
                "--wait returned once the process had started again");

        Run viewer = as(TestCluster.VIEWER, "stop", "application", "radar");
        assertEquals(ExitCode.ERROR, viewer.exitCode(), viewer.toString());
        assertTrue(viewer.err().contains("needs the operator role") && viewer.err().contains("FORBIDDEN"),
                viewer.err());
        assertOk(drover("delete", "application", "radar"));
    }

    @Test
    void exitCodesTellWhatWentWrong() throws Exception {
        Run missing = drover("get", "applications", "nothere");
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode(), missing.toString());
        assertEquals("drover: no application named 'nothere' (NOT_FOUND)", missing.err().strip());
        assertEquals("", missing.out());

        assertEquals(ExitCode.NOT_FOUND, drover("delete", "application", "nothere").exitCode());
        assertOk(drover("delete", "application", "nothere", "--ignore-not-found"));
        assertEquals(ExitCode.NOT_FOUND, drover("start", "application", "nothere").exitCode());
        assertEquals(ExitCode.NOT_FOUND, drover("describe", "application", "nothere").exitCode());
        assertEquals(ExitCode.NOT_FOUND, drover("get", "processes", "nothere").exitCode());
        assertEquals(ExitCode.NOT_FOUND, drover("get", "nodes", "nothere").exitCode());

        assertEquals(ExitCode.USAGE, drover("get", "gadgets").exitCode());
        assertEquals(ExitCode.USAGE, drover("get", "nodes", "-o", "supvisors").exitCode());
        assertEquals(ExitCode.USAGE, drover("start", "application", "x", "--strategy", "FASTEST").exitCode());
        assertEquals(ExitCode.USAGE, drover("logs", "justanapp").exitCode());

        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, "apiVersion: drover.io/v1\nkind: Application\nmetadata:\n  name: broken\nspec:\n"
                + "  programs:\n  - name: w\n    comand: sleep 1\n");
        Run refused = drover("apply", "-f", invalid.toString());
        assertEquals(ExitCode.ERROR, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("invalid.yaml:"), "the diagnostic names the file: " + refused.err());
        assertEquals(ExitCode.NOT_FOUND, drover("get", "applications", "broken").exitCode(), "nothing applied");

        Run badToken = as("not-a-valid-token", "get", "applications");
        assertEquals(ExitCode.ERROR, badToken.exitCode());
        assertTrue(badToken.err().contains("--token"), badToken.err());
        Run forbidden = as(TestCluster.VIEWER, "apply", "-f", manifest("viewerapp", "sleep 1").toString());
        assertEquals(ExitCode.ERROR, forbidden.exitCode());
        assertTrue(forbidden.err().contains("FORBIDDEN"), forbidden.err());

        Run noServer = Run.drover("get", "applications", "--config", dir.resolve("none.yaml").toString());
        assertEquals(ExitCode.ERROR, noServer.exitCode());
        Run unreachable = Run.drover("get", "applications", "--server", "http://127.0.0.1:1");
        assertEquals(ExitCode.ERROR, unreachable.exitCode());
        assertTrue(unreachable.err().contains("cannot reach the operator"), unreachable.err());

        assertOk(drover("apply", "-f", manifest("stale", "sleep 904").toString()));
        long version = Json.mapper().readTree(drover("get", "app", "stale", "-o", "json").out())
                .path("metadata").path("resourceVersion").asLong();
        assertOk(drover("apply", "-f", manifest("stale", "sleep 905").toString()));
        Run conflict = drover("delete", "application", "stale", "--resource-version", String.valueOf(version));
        assertEquals(ExitCode.CONFLICT, conflict.exitCode(), conflict.toString());
        assertOk(drover("delete", "application", "stale"));

        Run timeout = drover("apply", "-f", manifest("doomed", "false").toString(), "--wait", "--timeout", "3s");
        assertEquals(ExitCode.TIMEOUT, timeout.exitCode(), timeout.toString());
        assertTrue(timeout.err().contains("timed out") && timeout.err().contains("doomed"), timeout.err());
        assertOk(drover("delete", "application", "doomed"));
    }

    @Test
    void watchPrintsChangesUntilInterrupted() throws Exception {
        assertOk(drover("apply", "-f", manifest("watched", "sleep 906").toString(), "--wait"));
        try (Background watch = new Background("get", "applications", "watched", "-w", "--server", cluster.url(),
                "--token", TestCluster.VIEWER)) {
            await().atMost(WITHIN).until(() -> watch.out().contains("RUNNING"));
            assertOk(as(TestCluster.OPERATOR, "stop", "application", "watched"));
            await().atMost(WITHIN).until(() -> watch.out().lines()
                    .anyMatch(l -> l.startsWith("watched ") && l.contains(" STOPPED ")));
            assertOk(drover("delete", "application", "watched"));
            await().atMost(WITHIN).until(() -> watch.out().contains("application/watched deleted"));
            assertFalse(watch.finished(), "a watch goes on until interrupted: " + watch.err());
            assertTrue(watch.stop(10), "the watch ends when interrupted");
            assertEquals("", watch.err());
        }
    }

    @Test
    void contextsOfTheConfigurationFileAreUsed() throws Exception {
        Path config = dir.resolve("config.yaml");
        assertOk(Run.drover("config", "set-context", "test", "--server", cluster.url(), "--token", TestCluster.VIEWER,
                "--config", config.toString()));
        Run contexts = Run.drover("config", "get-contexts", "--config", config.toString());
        assertTrue(contexts.out().contains("*") && contexts.out().contains("test"), contexts.out());
        assertFalse(contexts.out().contains(TestCluster.VIEWER), "tokens are never printed");
        Run nodes = Run.drover("get", "nodes", "--config", config.toString());
        assertOk(nodes);
        assertTrue(nodes.out().contains("node-a"), nodes.out());
        Run other = Run.drover("get", "nodes", "--config", config.toString(), "--context", "prod");
        assertEquals(ExitCode.ERROR, other.exitCode());
        assertTrue(other.err().contains("no context named 'prod'"), other.err());
    }

    @Test
    void versionAndCompletion() {
        Run version = drover("version");
        assertOk(version);
        assertTrue(version.out().contains("Client: drover") && version.out().contains("leader"), version.out());
        assertOk(Run.drover("version", "--client"));
        Run bash = Run.drover("completion", "bash");
        assertOk(bash);
        assertTrue(bash.out().contains("complete -F") && bash.out().contains("apply"), "bash script");
        assertTrue(Run.drover("completion", "zsh").out().startsWith("autoload -U +X compinit"));
    }
}
