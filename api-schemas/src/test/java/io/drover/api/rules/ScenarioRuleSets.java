package io.drover.api.rules;

import static io.drover.api.rules.Rules.alias;
import static io.drover.api.rules.Rules.application;
import static io.drover.api.rules.Rules.applicationPattern;
import static io.drover.api.rules.Rules.model;
import static io.drover.api.rules.Rules.program;
import static io.drover.api.rules.Rules.programPattern;
import static io.drover.api.rules.Rules.ruleSet;

import io.drover.api.model.Distribution;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.Sourced;
import java.util.List;

/**
 * The rules files of Supvisors' use cases (scenario_N/etc/supvisors_rules*.xml), element for element and in the same
 * order, built in code so that these tests do not depend on the XML reader.
 */
final class ScenarioRuleSets {

    private ScenarioRuleSets() {
    }

    /** scenario_1/etc/supvisors_rules.xml */
    static Sourced<RuleSet> scenario1() {
        return ruleSet("scenario-1",
                List.of(),
                List.of(model("model_scenario_1").startSequence(2).required(true).expectedLoading(2).build()),
                List.of(application("scen1")
                        .startSequence(1)
                        .startingFailureStrategy(StartingFailureStrategy.CONTINUE)
                        .programs(
                                programPattern("").reference("model_scenario_1"),
                                programPattern("wait_nfs_mount").reference("model_scenario_1").startSequence(1).waitExit(true))
                        .build()));
    }

    /** scenario_2/etc/supvisors_rules.xml */
    static Sourced<RuleSet> scenario2() {
        return ruleSet("scenario-2",
                List.of(alias("servers", "server_1", "server_2", "server_3"),
                        alias("consoles", "console_1", "console_2", "console_3")),
                scenario2Models(),
                scenario2Applications("servers", "consoles"));
    }

    /** scenario_2/etc/supvisors_rules_mc.xml: the same with stereotypes instead of aliases. */
    static Sourced<RuleSet> scenario2Multicast() {
        return ruleSet("scenario-2-mc", List.of(), scenario2Models(), scenario2Applications("@SERVER", "@CONSOLE"));
    }

    private static List<io.drover.api.model.ProgramRule> scenario2Models() {
        return List.of(
                model("model_services").startSequence(3).required(true).expectedLoading(10).build(),
                model("check_data_bus").startSequence(2).required(true).waitExit(true).build(),
                model("data_bus").startSequence(1).required(true).expectedLoading(2).build());
    }

    private static List<io.drover.api.model.ApplicationRule> scenario2Applications(String servers, String consoles) {
        return List.of(
                applicationPattern("scen2_srv_")
                        .distribution(Distribution.SINGLE_INSTANCE)
                        .identifiers(servers)
                        .startSequence(1)
                        .startingStrategy(StartingStrategy.LESS_LOADED)
                        .startingFailureStrategy(StartingFailureStrategy.STOP)
                        .programs(
                                program("scen2_common_bus_interface").reference("model_services").startSequence(4),
                                program("scen2_check_common_data_bus").reference("check_data_bus").startSequence(3),
                                programPattern("").reference("model_services"),
                                program("scen2_check_internal_data_bus").reference("check_data_bus"),
                                program("scen2_internal_data_bus").reference("data_bus")
                                        .runningFailureStrategy(RunningFailureStrategy.RESTART_APPLICATION))
                        .build(),
                applicationPattern("scen2_hci_")
                        .distribution(Distribution.SINGLE_INSTANCE)
                        .identifiers(consoles)
                        .startingStrategy(StartingStrategy.LOCAL)
                        .startingFailureStrategy(StartingFailureStrategy.CONTINUE)
                        .programs(
                                programPattern("").startSequence(3).expectedLoading(8),
                                program("scen2_check_internal_data_bus").reference("check_data_bus"),
                                program("scen2_internal_data_bus").reference("data_bus")
                                        .runningFailureStrategy(RunningFailureStrategy.STOP_APPLICATION))
                        .build());
    }

    /** scenario_3/etc/supvisors_rules.xml */
    static Sourced<RuleSet> scenario3() {
        return ruleSet("scenario-3",
                List.of(alias("servers", "server_1", "server_2", "server_3"),
                        alias("consoles", "console_1", "console_2", "console_3")),
                scenario3Models("servers"),
                scenario3Applications("#,consoles"));
    }

    /** scenario_3/etc/supvisors_rules_mc.xml: the same with stereotypes instead of aliases. */
    static Sourced<RuleSet> scenario3Multicast() {
        return ruleSet("scenario-3-mc", List.of(), scenario3Models("@SERVER"), scenario3Applications("#,@CONSOLE"));
    }

    private static List<io.drover.api.model.ProgramRule> scenario3Models(String servers) {
        return List.of(
                model("model_services").identifiers(servers).startSequence(2).required(true).expectedLoading(2).build(),
                model("check_data_bus").identifiers(servers).startSequence(1).required(true).waitExit(true).build());
    }

    private static List<io.drover.api.model.ApplicationRule> scenario3Applications(String hciIdentifiers) {
        return List.of(
                application("scen3_srv")
                        .startSequence(1)
                        .startingStrategy(StartingStrategy.LESS_LOADED)
                        .startingFailureStrategy(StartingFailureStrategy.CONTINUE)
                        .runningFailureStrategy(RunningFailureStrategy.RESTART_PROCESS)
                        .programs(
                                program("scen3_common_bus_interface").reference("model_services").startSequence(3),
                                program("scen3_check_common_data_bus").reference("check_data_bus").startSequence(2),
                                programPattern("").reference("model_services"),
                                program("scen3_check_internal_data_bus").reference("check_data_bus"))
                        .build(),
                applicationPattern("scen3_hci_")
                        .distribution(Distribution.SINGLE_INSTANCE)
                        .identifiers(hciIdentifiers)
                        .startSequence(3)
                        .startingFailureStrategy(StartingFailureStrategy.CONTINUE)
                        .programs(
                                programPattern("").startSequence(2).expectedLoading(8),
                                program("scen3_check_internal_data_bus").reference("check_data_bus"))
                        .build());
    }
}
