package io.drover.api.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolved rules serialise with Supvisors' field names and read back unchanged. */
class ResolvedRulesJsonTest {

    private final RuleResolver scenario2 = new RuleResolver(List.of(ScenarioRuleSets.scenario2()));

    @Test
    void applicationRulesUseSupvisorsNames() throws Exception {
        ResolvedApplication rules = scenario2.application("scen2_hci_01");
        JsonNode json = Json.mapper().valueToTree(rules);
        assertEquals(List.of("application_name", "managed", "matched_rule", "inline_rules", "distribution", "identifiers",
                "start_sequence", "stop_sequence", "starting_strategy", "starting_failure_strategy",
                "running_failure_strategy", "max_restarts", "restart_window_secs"), fieldNames(json));
        assertEquals("scen2_hci_", json.path("matched_rule").path("pattern").asText());
        assertEquals("scenario-2", json.path("matched_rule").path("rule_set").asText());
        assertEquals("SINGLE_INSTANCE", json.path("distribution").asText());
        String text = Json.mapper().writeValueAsString(rules);
        assertEquals(rules, Json.mapper().readValue(text, ResolvedApplication.class));
    }

    @Test
    void programRulesUseSupvisorsNamesAndShowSignsOnlyWhenSet() throws Exception {
        ResolvedProgram rules = scenario2.program("scen2_srv_01", "scen2_internal_data_bus");
        JsonNode json = Json.mapper().valueToTree(rules);
        assertEquals(List.of("application_name", "process_name", "program_name", "process_index", "matched_rule",
                "inline_rules", "model_chain", "identifiers", "start_sequence", "stop_sequence", "required", "wait_exit",
                "expected_loading", "starting_failure_strategy", "running_failure_strategy"), fieldNames(json));
        assertEquals("RESTART_APPLICATION", json.path("running_failure_strategy").asText());
        assertEquals(rules, Json.mapper().readValue(Json.mapper().writeValueAsString(rules), ResolvedProgram.class));

        RuleResolver hash = new RuleResolver(List.of(Rules.ruleSet("hash",
                Rules.application("app").programs(Rules.programPattern("").identifiers("#,n1")).build())));
        JsonNode spread = Json.mapper().valueToTree(hash.program("app", "prg"));
        assertTrue(spread.has("hash_identifiers"));
        assertFalse(spread.has("at_identifiers"));
        assertEquals(0, spread.path("identifiers").size());
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
