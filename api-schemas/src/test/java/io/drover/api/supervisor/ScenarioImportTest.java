package io.drover.api.supervisor;

import static io.drover.api.supervisor.Fixtures.application;
import static io.drover.api.supervisor.Fixtures.cases;
import static io.drover.api.supervisor.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Application;
import io.drover.api.model.AutoRestart;
import io.drover.api.model.LogSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StopSignal;
import io.drover.api.supervisor.program.SupervisorDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Supvisors use cases' own Supervisor files, imported unchanged with the node mapping each scenario describes. */
class ScenarioImportTest {

    private static final Map<String, String> NO_ENV = Map.of();
    private final SupervisorImporter importer = new SupervisorImporter(() -> "test-host");

    private static List<NodeConfig> nodes(String prefix, int count, Path config) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> NodeConfig.of(prefix + i, config)).toList();
    }

    // scenario 1: the distribution is fixed by which node's directory each program is defined in

    @Test
    void scenario1PlacesEachProgramOnTheNodesWhoseConfigurationDefinesIt() {
        Path conf = cases("scenario_1/etc/supervisord_distributed.conf");
        ImportResult result = importer.importNodes(List.of(
                NodeConfig.of("rocky51", conf), NodeConfig.of("rocky52", conf), NodeConfig.of("rocky53", conf)), NO_ENV);

        assertEquals(List.of("scen1"), result.applicationNames());
        Application scen1 = application(result, "scen1");
        assertEquals(12, scen1.spec().programs().size());
        for (int n = 1; n <= 3; n++) {
            assertEquals(List.of("rocky5" + n), program(result, "scen1", "scen1_wait_nfs_mount_" + n).nodes());
        }
        for (String hci : List.of("scen1_hci", "scen1_config_manager", "scen1_data_processing", "scen1_external_interface",
                "scen1_data_recorder")) {
            assertEquals(List.of("rocky51"), program(result, "scen1", hci).nodes(), hci);
        }
        assertEquals(List.of("rocky52"), program(result, "scen1", "scen1_sensor_acquisition_1").nodes());
        assertEquals(List.of("rocky52"), program(result, "scen1", "scen1_sensor_processing_1").nodes());
        assertEquals(List.of("rocky53"), program(result, "scen1", "scen1_sensor_acquisition_2").nodes());
        assertEquals(List.of("rocky53"), program(result, "scen1", "scen1_sensor_processing_2").nodes());
    }

    @Test
    void scenario1KeepsTheEnvironmentPlaceholdersForTheNodeAgent() {
        Path conf = cases("scenario_1/etc/supervisord_distributed.conf");
        ImportResult result = importer.importNodes(List.of(NodeConfig.of("rocky51", conf)), NO_ENV);

        ProgramSpec hci = program(result, "scen1", "scen1_hci");
        assertEquals("log/scen1_hci_%(ENV_CUR_DATE)s_%(ENV_CUR_TIME)s.log", hci.stdout().logfile());
        assertEquals("bin/scen1/hci.sh", hci.command());
        assertEquals(5, hci.stdout().backups());
        assertEquals(Boolean.FALSE, hci.autostart());
        assertEquals(Boolean.TRUE, hci.stopAsGroup());
        assertEquals(Boolean.TRUE, hci.killAsGroup());
        assertEquals(Boolean.TRUE, hci.redirectStderr());
        // the use case's "everything else is Supervisor default": absent, as in the file
        assertNull(hci.startSecs());
        assertNull(hci.stdout().maxBytes());
        ProgramSpec effective = SupervisorDefaults.effective(hci);
        assertEquals(1, effective.startSecs());
        assertEquals(3, effective.startRetries());
        assertEquals(List.of(0), effective.exitCodes());
        assertEquals(AutoRestart.UNEXPECTED, effective.autoRestart());
        assertEquals(10, effective.stopWaitSecs());
        assertEquals(StopSignal.TERM, effective.stopSignal());
    }

    @Test
    void scenario1LocalhostConfigurationHasTheNineProgramsWithoutNfsGating() {
        Path conf = cases("scenario_1/etc/supervisord_localhost.conf");
        ImportResult result = importer.importNodes(List.of(NodeConfig.of("localhost", conf)), NO_ENV);

        Application scen1 = application(result, "scen1");
        assertEquals(9, scen1.spec().programs().size());
        assertTrue(scen1.spec().programs().stream().noneMatch(p -> p.name().contains("wait_nfs_mount")));
        assertTrue(scen1.spec().programs().stream().allMatch(p -> p.nodes().equals(List.of("localhost"))));
        assertEquals(List.of("scen1"), result.applicationNames());
    }

    @Test
    void scenario1MulticastVariantImportsLikeTheListedOne() {
        Path listed = cases("scenario_1/etc/supervisord_distributed.conf");
        Path multicast = cases("scenario_1/etc/supervisord_distributed_mc.conf");
        List<NodeConfig> mapping = List.of(NodeConfig.of("rocky51", listed), NodeConfig.of("rocky52", listed));
        List<NodeConfig> mcMapping = List.of(NodeConfig.of("rocky51", multicast), NodeConfig.of("rocky52", multicast));

        assertEquals(application(importer.importNodes(mapping, NO_ENV), "scen1"),
                application(importer.importNodes(mcMapping, NO_ENV), "scen1"));
    }

    // scenario 2: X copies of a non-distributed application, servers and consoles

    private List<NodeConfig> scenario2Mapping() {
        List<NodeConfig> mapping = new ArrayList<>(nodes("server_", 3, cases("scenario_2/etc/supervisord_server.conf")));
        mapping.addAll(nodes("console_", 3, cases("scenario_2/etc/supervisord_console.conf")));
        return mapping;
    }

    @Test
    void scenario2GivesOneApplicationPerGroupOnTheNodesOfItsRole() {
        ImportResult result = importer.importNodes(scenario2Mapping(), NO_ENV);

        assertEquals(List.of("common_data_bus", "scen2_hci_01", "scen2_hci_02", "scen2_hci_03",
                "scen2_srv_01", "scen2_srv_02", "scen2_srv_03"), result.applicationNames());
        for (int n = 1; n <= 3; n++) {
            Application srv = application(result, "scen2_srv_0" + n);
            assertEquals(7, srv.spec().programs().size());
            assertTrue(srv.spec().programs().stream().allMatch(p -> p.nodes().equals(List.of("server_1", "server_2", "server_3"))));
            Application hci = application(result, "scen2_hci_0" + n);
            assertEquals(5, hci.spec().programs().size());
            assertTrue(hci.spec().programs().stream().allMatch(p -> p.nodes().equals(List.of("console_1", "console_2", "console_3"))));
        }
    }

    @Test
    void scenario2CommonDataBusIsItsOwnAutostartedApplicationOnEveryNode() {
        ImportResult result = importer.importNodes(scenario2Mapping(), NO_ENV);

        Application bus = application(result, "common_data_bus");
        assertEquals(1, bus.spec().programs().size());
        ProgramSpec program = bus.spec().programs().get(0);
        assertNull(program.autostart(), "not written: Supervisor's default");
        assertEquals(Boolean.TRUE, SupervisorDefaults.effective(program).autostart());
        assertEquals(40, program.startSecs());
        assertEquals(List.of("server_1", "server_2", "server_3", "console_1", "console_2", "console_3"), program.nodes());
        assertEquals("log/common_data_bus_%(host_node_name)s.log", program.stdout().logfile());
        assertEquals("zenity --info --text=common_data_bus", program.command());
    }

    @Test
    void scenario2ExpandsTheGroupNameOfEachCopy() {
        ImportResult result = importer.importNodes(scenario2Mapping(), NO_ENV);

        assertEquals("log/scen2_srv_01_scen2_config_manager.log",
                program(result, "scen2_srv_01", "scen2_config_manager").stdout().logfile());
        assertEquals("log/scen2_srv_03_scen2_config_manager.log",
                program(result, "scen2_srv_03", "scen2_config_manager").stdout().logfile());
        assertEquals("log/scen2_hci_02_scen2_internal_data_bus.log",
                program(result, "scen2_hci_02", "scen2_internal_data_bus").stdout().logfile());
        assertEquals(10, program(result, "scen2_hci_02", "scen2_internal_data_bus").startSecs());
        assertEquals(0, program(result, "scen2_srv_01", "scen2_check_common_data_bus").startSecs());
    }

    @Test
    void scenario2MappedByLabelGivesTheSameApplicationsOnTheLabels() {
        ImportResult result = importer.importNodes(List.of(
                NodeConfig.of("server", cases("scenario_2/etc/supervisord_server.conf")),
                NodeConfig.of("console", cases("scenario_2/etc/supervisord_console.conf"))), NO_ENV);

        assertEquals(importer.importNodes(scenario2Mapping(), NO_ENV).applicationNames(), result.applicationNames());
        assertEquals(List.of("server"), program(result, "scen2_srv_02", "scen2_data_processing").nodes());
        assertEquals(List.of("console"), program(result, "scen2_hci_01", "scen2_chart_view").nodes());
        assertEquals(List.of("server", "console"), program(result, "common_data_bus", "common_data_bus").nodes());
    }

    @Test
    void scenario2ProgramOrderFollowsTheGroupList() {
        ImportResult result = importer.importNodes(scenario2Mapping(), NO_ENV);

        assertEquals(List.of("scen2_config_manager", "scen2_common_bus_interface", "scen2_check_common_data_bus",
                        "scen2_check_internal_data_bus", "scen2_internal_data_bus", "scen2_data_processing", "scen2_sensor_acquisition"),
                application(result, "scen2_srv_01").spec().programs().stream().map(ProgramSpec::name).toList());
    }

    // scenario 3: one HCI per console, chosen by an environment variable in the include patterns

    private List<NodeConfig> scenario3Mapping() {
        Path server = cases("scenario_3/etc/supervisord_server.conf");
        Path console = cases("scenario_3/etc/supervisord_console.conf");
        List<NodeConfig> mapping = new ArrayList<>(nodes("server_", 3, server));
        for (int n = 1; n <= 3; n++) {
            mapping.add(NodeConfig.of("console_" + n, console).withEnv(Map.of("IDENTIFIER", "console_" + n)));
        }
        return mapping;
    }

    @Test
    void scenario3PutsEachHciOnlyOnItsConsole() {
        ImportResult result = importer.importNodes(scenario3Mapping(), NO_ENV);

        assertEquals(List.of("common_data_bus", "scen3_hci_01", "scen3_hci_02", "scen3_hci_03", "scen3_internal_data_bus",
                "scen3_srv"), result.applicationNames());
        for (int n = 1; n <= 3; n++) {
            Application hci = application(result, "scen3_hci_0" + n);
            assertEquals(3, hci.spec().programs().size());
            for (ProgramSpec program : hci.spec().programs()) {
                assertEquals(List.of("console_" + n), program.nodes(), program.name());
            }
        }
        Application srv = application(result, "scen3_srv");
        assertEquals(6, srv.spec().programs().size());
        assertTrue(srv.spec().programs().stream().allMatch(p -> p.nodes().equals(List.of("server_1", "server_2", "server_3"))));
        assertEquals("log/scen3_item_manager.log", program(result, "scen3_srv", "scen3_item_manager").stdout().logfile());
    }

    @Test
    void scenario3ServicesRunEverywhereWithSyslog() {
        ImportResult result = importer.importNodes(scenario3Mapping(), NO_ENV);

        ProgramSpec bus = program(result, "scen3_internal_data_bus", "scen3_internal_data_bus");
        assertEquals(6, bus.nodes().size());
        assertEquals(Boolean.TRUE, SupervisorDefaults.effective(bus).autostart());
        assertEquals(Boolean.TRUE, bus.stdout().syslog());
        assertEquals(10, bus.startSecs());
    }

    @Test
    void theImportEnvironmentReachesEveryNodeAndANodeOverridesIt() {
        Path console = cases("scenario_3/etc/supervisord_console.conf");
        ImportResult result = importer.importNodes(List.of(
                NodeConfig.of("console_1", console),
                NodeConfig.of("console_2", console).withEnv(Map.of("IDENTIFIER", "console_2"))), Map.of("IDENTIFIER", "console_1"));

        assertEquals(List.of("console_1"), program(result, "scen3_hci_01", "scen3_chart_view").nodes());
        assertEquals(List.of("console_2"), program(result, "scen3_hci_02", "scen3_chart_view").nodes());
    }

    @Test
    void scenario3ConsoleWithoutItsIdentifierIsRefusedAtTheIncludeLine() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(io.drover.api.diagnostics.InvalidInputException.class,
                () -> importer.importNodes(List.of(NodeConfig.of("console_1", cases("scenario_3/etc/supervisord_console.conf"))), NO_ENV));

        var diagnostic = error.diagnostics().get(0);
        assertTrue(diagnostic.location().file().endsWith("supervisord_console.conf"));
        assertEquals(15, diagnostic.location().line());
        assertTrue(diagnostic.message().contains("IDENTIFIER"), diagnostic.message());
    }

    // a plain import: no mapping, every node

    @Test
    void aPlainImportLeavesTheNodesOpen() {
        ImportResult result = importer.importFiles(List.of(cases("scenario_2/etc/supervisord_server.conf")), NO_ENV);

        assertEquals(List.of("common_data_bus", "scen2_srv_01", "scen2_srv_02", "scen2_srv_03"), result.applicationNames());
        assertNull(program(result, "scen2_srv_01", "scen2_data_processing").nodes());
        assertNull(program(result, "common_data_bus", "common_data_bus").nodes());
    }

    @Test
    void aPlainImportOfSeveralFilesMergesTheirGroups() {
        ImportResult result = importer.importFiles(List.of(cases("scenario_2/etc/supervisord_server.conf"),
                cases("scenario_2/etc/supervisord_console.conf")), NO_ENV);

        assertEquals(7, result.applicationNames().size());
        assertNull(program(result, "common_data_bus", "common_data_bus").nodes());
    }

    @Test
    void aPlainImportUsesTheLocalHostNameForIncludes() {
        SupervisorImporter onRocky52 = new SupervisorImporter(() -> "rocky52");
        ImportResult result = onRocky52.importFiles(List.of(cases("scenario_1/etc/supervisord_distributed.conf")), NO_ENV);

        assertEquals(3, application(result, "scen1").spec().programs().size());
        assertNull(program(result, "scen1", "scen1_wait_nfs_mount_2").nodes());
    }

    @Test
    void theResultListsEveryFileRead() {
        ImportResult result = importer.importNodes(List.of(
                NodeConfig.of("rocky51", cases("scenario_1/etc/supervisord_distributed.conf"))), NO_ENV);

        assertEquals(List.of("supervisord_distributed.conf", "group_rocky51.ini", "programs_rocky51.ini", "wait_nfs_mount.ini"),
                result.files().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(result.files().stream().allMatch(Path::isAbsolute));
    }

    @Test
    void unwrittenOptionsStayAbsentAndMeanSupervisorsDefaults() {
        ImportResult result = importer.importNodes(scenario2Mapping(), NO_ENV);

        ProgramSpec program = program(result, "scen2_srv_01", "scen2_config_manager");
        assertEquals(new LogSpec("log/scen2_srv_01_scen2_config_manager.log", null, 5, null), program.stdout());
        assertNull(program.stderr());
        assertNull(program.priority());
        assertNull(program.numprocs());
        assertNull(program.processName());
        ProgramSpec effective = SupervisorDefaults.effective(program);
        assertEquals(LogSpec.DEFAULT_MAX_BYTES, effective.stdout().maxBytes());
        assertFalse(effective.stdout().syslog());
        // stderr goes to the stdout log: supervisord writes no stderr log
        assertEquals(LogSpec.NONE, effective.stderr().logfile());
        assertEquals(999, effective.priority());
        assertEquals(1, effective.numprocs());
        assertEquals(0, effective.numprocsStart());
        assertEquals(ProgramSpec.DEFAULT_PROCESS_NAME, effective.processName());
        assertNull(program.environment());
        assertNull(program.directory());
        assertNull(program.user());
        assertNull(program.umask());
    }
}
