package io.drover.operator.planning;

import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.api.state.NodeInfo;
import io.drover.api.supervisor.ImportResult;
import io.drover.api.supervisor.NodeConfig;
import io.drover.api.supervisor.SupervisorImporter;
import io.drover.api.supvisors.SupvisorsRulesReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Supvisors' scenario 2, read from its own files: three servers and three consoles on three hosts (server_N and
 * console_N share host supvN), the scen2_srv_0N applications (SINGLE_INSTANCE on servers, auto-started, LESS_LOADED,
 * STOP on start failure, load 42 each) and the scen2_hci_0N ones (SINGLE_INSTANCE on consoles, LOCAL, manual), and
 * common_data_bus, unmanaged, autostarted everywhere.
 */
final class Scenario2 {

    static final Path CASES = Path.of("..", "api-schemas", "src", "test", "resources");

    private Scenario2() {
    }

    static List<NodeInfo> nodes() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            nodes.add(Fixtures.node("server_" + n, "supv0" + n, 100));
        }
        for (int n = 1; n <= 3; n++) {
            nodes.add(Fixtures.node("console_" + n, "supv0" + n, 100));
        }
        return nodes;
    }

    static List<ApplicationDefinition> applications() {
        Path etc = CASES.resolve("supervisor/cases/scenario_2/etc");
        List<NodeConfig> mapping = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            mapping.add(NodeConfig.of("server_" + n, etc.resolve("supervisord_server.conf")));
        }
        for (int n = 1; n <= 3; n++) {
            mapping.add(NodeConfig.of("console_" + n, etc.resolve("supervisord_console.conf")));
        }
        ImportResult imported = new SupervisorImporter(() -> "test-host").importNodes(mapping, Map.of());
        Sourced<RuleSet> rules = new SupvisorsRulesReader().read(CASES.resolve("supvisors/cases/scenario_2/supvisors_rules.xml"));
        RuleResolver resolver = new RuleResolver(List.of(rules));
        List<ApplicationDefinition> applications = new ArrayList<>();
        for (Sourced<Application> application : imported.applications()) {
            applications.add(ApplicationDefinition.resolve(application, 11, resolver));
        }
        return applications;
    }

    static ClusterSnapshot.Builder cluster() {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().now(Fixtures.T0).epoch(5).nodeLossHandlingAllowed(true)
                .nodes(nodes());
        applications().forEach(builder::application);
        return builder;
    }
}
