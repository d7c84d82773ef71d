package io.drover.api.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Supvisors use cases: what their real rules files give for their real applications and programs. */
class ScenarioResolutionTest {

    private final RuleResolver scenario1 = new RuleResolver(List.of(ScenarioRuleSets.scenario1()));
    private final RuleResolver scenario2 = new RuleResolver(List.of(ScenarioRuleSets.scenario2()));
    private final RuleResolver scenario3 = new RuleResolver(List.of(ScenarioRuleSets.scenario3()));

    // scenario 1 ---------------------------------------------------------------------------------------------------

    @Test
    void scen1ApplicationStartsFirstAndContinuesOnStartingFailure() {
        ResolvedApplication scen1 = scenario1.application("scen1");
        assertTrue(scen1.managed());
        assertEquals(RuleMatch.byName("scenario-1", "scen1"), scen1.matchedRule());
        assertEquals(1, scen1.startSequence());
        assertEquals(1, scen1.stopSequence());
        assertEquals(StartingFailureStrategy.CONTINUE, scen1.startingFailureStrategy());
        assertEquals(RunningFailureStrategy.CONTINUE, scen1.runningFailureStrategy());
        assertEquals(Distribution.ALL_INSTANCES, scen1.distribution());
        assertEquals(List.of("*"), scen1.identifiers());
        assertEquals(StartingStrategy.CONFIG, scen1.startingStrategy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scen1_hci", "scen1_config_manager", "scen1_data_processing", "scen1_external_interface",
            "scen1_data_recorder", "scen1_sensor_acquisition_1", "scen1_sensor_processing_1", "scen1_sensor_acquisition_2",
            "scen1_sensor_processing_2"})
    void everyScen1ProgramTakesTheModelThroughTheCatchAllPattern(String process) {
        ResolvedProgram rules = scenario1.program("scen1", process);
        assertEquals(RuleMatch.byPattern("scenario-1", ""), rules.matchedRule());
        assertEquals(List.of("model_scenario_1"), rules.modelChain());
        assertEquals(2, rules.startSequence());
        assertEquals(2, rules.stopSequence());
        assertTrue(rules.required());
        assertFalse(rules.waitExit());
        assertEquals(2, rules.expectedLoading());
        assertEquals(List.of("*"), rules.identifiers());
        assertEquals(StartingFailureStrategy.CONTINUE, rules.startingFailureStrategy(), "inherited from the application");
        assertEquals(RunningFailureStrategy.CONTINUE, rules.runningFailureStrategy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scen1_wait_nfs_mount_1", "scen1_wait_nfs_mount_2", "scen1_wait_nfs_mount_3"})
    void waitNfsMountPatternBeatsTheEmptyPattern(String process) {
        ResolvedProgram rules = scenario1.program("scen1", process);
        assertEquals(RuleMatch.byPattern("scenario-1", "wait_nfs_mount"), rules.matchedRule());
        assertEquals(1, rules.startSequence(), "the program value overrides the model's 2");
        assertEquals(1, rules.stopSequence());
        assertTrue(rules.waitExit());
        assertTrue(rules.required());
        assertEquals(2, rules.expectedLoading());
    }

    // scenario 2 ---------------------------------------------------------------------------------------------------

    @Test
    void scen2InternalDataBusOfAServer() {
        ResolvedProgram rules = scenario2.program("scen2_srv_02", "scen2_internal_data_bus");
        assertEquals(RuleMatch.byName("scenario-2", "scen2_internal_data_bus"), rules.matchedRule());
        assertEquals(List.of("data_bus"), rules.modelChain());
        assertEquals(1, rules.startSequence());
        assertEquals(1, rules.stopSequence());
        assertTrue(rules.required());
        assertEquals(2, rules.expectedLoading());
        assertEquals(RunningFailureStrategy.RESTART_APPLICATION, rules.runningFailureStrategy());
        assertEquals(StartingFailureStrategy.STOP, rules.startingFailureStrategy());
    }

    @Test
    void scen2CheckInternalDataBusWaitsForItsExit() {
        ResolvedProgram rules = scenario2.program("scen2_srv_02", "scen2_check_internal_data_bus");
        assertEquals(2, rules.startSequence());
        assertTrue(rules.waitExit());
        assertTrue(rules.required());
        assertEquals(0, rules.expectedLoading());
    }

    @Test
    void scen2ConfigManagerFallsToTheCatchAllAndItsModel() {
        ResolvedProgram rules = scenario2.program("scen2_srv_01", "scen2_config_manager");
        assertEquals(RuleMatch.byPattern("scenario-2", ""), rules.matchedRule());
        assertEquals(List.of("model_services"), rules.modelChain());
        assertEquals(3, rules.startSequence());
        assertTrue(rules.required());
        assertEquals(10, rules.expectedLoading());
    }

    @ParameterizedTest
    @CsvSource({
            "scen2_common_bus_interface, 4, true, false, 10",
            "scen2_check_common_data_bus, 3, true, true, 0",
            "scen2_data_processing, 3, true, false, 10",
            "scen2_sensor_acquisition, 3, true, false, 10"})
    void scen2ServerPrograms(String process, int startSequence, boolean required, boolean waitExit, int loading) {
        ResolvedProgram rules = scenario2.program("scen2_srv_03", process);
        assertEquals(startSequence, rules.startSequence());
        assertEquals(required, rules.required());
        assertEquals(waitExit, rules.waitExit());
        assertEquals(loading, rules.expectedLoading());
    }

    @Test
    void scen2ServerApplications() {
        ResolvedApplication rules = scenario2.application("scen2_srv_01");
        assertEquals(RuleMatch.byPattern("scenario-2", "scen2_srv_"), rules.matchedRule());
        assertEquals(Distribution.SINGLE_INSTANCE, rules.distribution());
        assertEquals(List.of("server_1", "server_2", "server_3"), rules.identifiers());
        assertEquals(1, rules.startSequence());
        assertEquals(StartingStrategy.LESS_LOADED, rules.startingStrategy());
        assertEquals(StartingFailureStrategy.STOP, rules.startingFailureStrategy());
    }

    @Test
    void scen2HciApplication() {
        ResolvedApplication rules = scenario2.application("scen2_hci_03");
        assertTrue(rules.managed());
        assertEquals(RuleMatch.byPattern("scenario-2", "scen2_hci_"), rules.matchedRule());
        assertEquals(Distribution.SINGLE_INSTANCE, rules.distribution());
        assertEquals(List.of("console_1", "console_2", "console_3"), rules.identifiers());
        assertEquals(StartingFailureStrategy.CONTINUE, rules.startingFailureStrategy());
        assertEquals(StartingStrategy.LOCAL, rules.startingStrategy());
        assertEquals(0, rules.startSequence(), "HCIs are started by their users, never automatically");
        assertEquals(0, rules.stopSequence());
        assertNull(rules.operationalStatus());
    }

    @Test
    void scen2HciChartView() {
        ResolvedProgram rules = scenario2.program("scen2_hci_01", "scen2_chart_view");
        assertEquals(3, rules.startSequence());
        assertFalse(rules.required());
        assertEquals(8, rules.expectedLoading());
        assertEquals(List.of(), rules.modelChain());
        assertEquals(StartingFailureStrategy.CONTINUE, rules.startingFailureStrategy());
    }

    @Test
    void scen2HciInternalDataBusStopsItsApplication() {
        ResolvedProgram rules = scenario2.program("scen2_hci_02", "scen2_internal_data_bus");
        assertEquals(RunningFailureStrategy.STOP_APPLICATION, rules.runningFailureStrategy());
        assertEquals(1, rules.startSequence());
    }

    @Test
    void scen2MulticastKeepsStereotypesForUseTime() {
        RuleResolver resolver = new RuleResolver(List.of(ScenarioRuleSets.scenario2Multicast()));
        ResolvedApplication rules = resolver.application("scen2_srv_02");
        assertEquals(List.of("@SERVER"), rules.identifiers());
        List<KnownNode> nodes = List.of(KnownNode.of("server_1", "@SERVER"), KnownNode.of("console_1", "@CONSOLE"),
                KnownNode.of("server_2", "@SERVER"));
        assertEquals(List.of("server_1", "server_2"), NodeFilter.candidates(rules.identifiers(), nodes));
    }

    @Test
    void commonDataBusIsNotManaged() {
        ResolvedApplication rules = scenario2.application("common_data_bus");
        assertFalse(rules.managed());
        assertNull(rules.matchedRule());
        assertEquals(0, rules.startSequence());
    }

    // scenario 3 ---------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "scen3_item_manager, 2, true, false, 2",
            "scen3_track_manager, 2, true, false, 2",
            "scen3_system_health, 2, true, false, 2",
            "scen3_common_bus_interface, 3, true, false, 2",
            "scen3_check_common_data_bus, 2, true, true, 0",
            "scen3_check_internal_data_bus, 1, true, true, 0"})
    void scen3ServicesRestartTheirProcessOnTheServers(String process, int startSequence, boolean required, boolean waitExit,
                                                      int loading) {
        ResolvedProgram rules = scenario3.program("scen3_srv", process);
        assertEquals(RunningFailureStrategy.RESTART_PROCESS, rules.runningFailureStrategy(), "from the application");
        assertEquals(StartingFailureStrategy.CONTINUE, rules.startingFailureStrategy());
        assertEquals(List.of("server_1", "server_2", "server_3"), rules.identifiers(), "from the model, alias expanded");
        assertEquals(startSequence, rules.startSequence());
        assertEquals(required, rules.required());
        assertEquals(waitExit, rules.waitExit());
        assertEquals(loading, rules.expectedLoading());
    }

    @ParameterizedTest
    @CsvSource({
            "scen3_hci_01, console_1",
            "scen3_hci_02, console_2",
            "scen3_hci_03, console_3",
            "scen3_hci_04, console_1",
            "scen3_hci_05, console_2"})
    void scen3HciPicksTheNthConsoleWithRollOver(String application, String console) {
        ResolvedApplication rules = scenario3.application(application);
        assertEquals(List.of(console), rules.identifiers());
        assertEquals(List.of(), rules.hashIdentifiers(), "resolved");
        assertEquals(3, rules.startSequence());
        assertEquals(Distribution.SINGLE_INSTANCE, rules.distribution());
    }

    @Test
    void scen3MulticastHashKeepsTheStereotypeAsOneElement() {
        RuleResolver resolver = new RuleResolver(List.of(ScenarioRuleSets.scenario3Multicast()),
                ResolverOptions.defaults().withKnownNodes(List.of(KnownNode.of("console_1", "@CONSOLE"),
                        KnownNode.of("console_2", "@CONSOLE"))));
        ResolvedApplication rules = resolver.application("scen3_hci_02");
        assertEquals(List.of("@CONSOLE"), rules.identifiers(), "Supvisors picks among the names as written");
        assertTrue(rules.notes().stream().anyMatch(n -> n.contains("label '@CONSOLE'")), rules.notes().toString());
    }

    @Test
    void scen3HciProgramsIgnoreTheirModelIdentifiersForPlacement() {
        ResolvedProgram rules = scenario3.program("scen3_hci_01", "scen3_check_internal_data_bus");
        assertEquals(List.of("server_1", "server_2", "server_3"), rules.identifiers());
        assertTrue(rules.notes().stream().anyMatch(n -> n.contains("SINGLE_INSTANCE")), rules.notes().toString());
        ResolvedProgram chart = scenario3.program("scen3_hci_01", "scen3_chart_view");
        assertEquals(2, chart.startSequence());
        assertEquals(8, chart.expectedLoading());
        assertFalse(chart.required());
    }
}
