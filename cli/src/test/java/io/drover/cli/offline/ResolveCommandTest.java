package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import io.drover.cli.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance figures of scenario 2, read through the command scripts would use. */
class ResolveCommandTest {

    private static final String ETC = Run.cases("scenario_2/etc");

    /** Scenario 2 as deployed: servers run the server configuration, consoles the console one. */
    private static List<String> scenarioTwo(String... more) {
        List<String> args = new ArrayList<>(List.of("-f", ETC + "/supvisors_rules.xml", "-f", ETC + "/common",
                "-f", ETC + "/server", "-f", ETC + "/console"));
        for (String node : List.of("server_1", "server_2", "server_3")) {
            args.addAll(List.of("--node", node + "=" + ETC + "/supervisord_server.conf"));
        }
        for (String node : List.of("console_1", "console_2", "console_3")) {
            args.addAll(List.of("--node", node + "=" + ETC + "/supervisord_console.conf"));
        }
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode resolveJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("resolve", "-o", "json"));
        all.addAll(scenarioTwo(args));
        Run run = Run.drover(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return Json.mapper().readTree(run.out());
    }

    @Test
    void serverDataBusIsRequiredInTheFirstStageAndRestartsItsApplication() throws Exception {
        JsonNode program = resolveJson("--application", "scen2_srv_02", "--program", "scen2_internal_data_bus")
                .get("programs").get(0);

        assertEquals(1, program.get("start_sequence").asInt());
        assertTrue(program.get("required").asBoolean());
        assertEquals(2, program.get("expected_loading").asInt());
        assertEquals("RESTART_APPLICATION", program.get("running_failure_strategy").asText());
        assertEquals("scen2_internal_data_bus", program.get("matched_rule").get("name").asText());
    }

    @Test
    void dataBusCheckWaitsForItsExitInTheSecondStage() throws Exception {
        JsonNode program = resolveJson("--application", "scen2_srv_02", "--program", "scen2_check_internal_data_bus")
                .get("programs").get(0);

        assertEquals(2, program.get("start_sequence").asInt());
        assertTrue(program.get("wait_exit").asBoolean());
    }

    @Test
    void consoleApplicationRunsOnceOnOneConsoleAndContinuesOnFailure() throws Exception {
        JsonNode application = resolveJson("--application", "scen2_hci_03").get("application");

        assertEquals("SINGLE_INSTANCE", application.get("distribution").asText());
        assertEquals(List.of("console_1", "console_2", "console_3"),
                Json.mapper().convertValue(application.get("identifiers"), List.class));
        assertEquals("CONTINUE", application.get("starting_failure_strategy").asText());
    }

    @Test
    void everyProcessOfADefinedApplicationIsListed() throws Exception {
        JsonNode programs = resolveJson("--application", "scen2_srv_01").get("programs");

        assertTrue(programs.size() >= 3, programs.toString());
    }

    @Test
    void aNameInNoDefinitionIsResolvedFromTheRulesAlone() {
        Run run = Run.drover("resolve", "-f", ETC + "/supvisors_rules.xml", "--application", "scen2_srv_42",
                "--program", "scen2_internal_data_bus");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("application scen2_srv_42 (defined in no input file: rules only)"), run.toString());
        assertTrue(run.out().contains("matched_rule               pattern=scen2_srv_ (RuleSet supvisors_rules)"),
                run.toString());
        assertTrue(run.out().contains("running_failure_strategy   RESTART_APPLICATION"), run.toString());
    }

    @Test
    void yamlOutputUsesSupvisorsFieldNames() {
        Run run = Run.drover("resolve", "-f", ETC + "/supvisors_rules.xml", "--application", "scen2_srv_01", "-o", "yaml");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("starting_failure_strategy: STOP"), run.toString());
    }

    @Test
    void aBadApplicationNameIsRefused() {
        Run run = Run.drover("resolve", "-f", ETC + "/supvisors_rules.xml", "--application", "no such");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--application: error:"), run.toString());
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        Run run = Run.drover("resolve", "-f", ETC + "/supvisors_rules.xml", "--application", "a", "-o", "xml");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Invalid value for option '--output'"), run.toString());
    }
}
