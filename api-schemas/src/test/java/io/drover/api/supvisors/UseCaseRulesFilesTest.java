package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.model.Alias;
import io.drover.api.model.ApplicationRule;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramRule;
import io.drover.api.model.RuleSet;
import io.drover.api.model.RuleSetSpec;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.source.Sourced;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules files of Supvisors' own use cases, copied byte for byte, load unchanged. */
class UseCaseRulesFilesTest {

    private static final String SCENARIO_1 = "scenario_1/supvisors_rules.xml";
    private static final String SCENARIO_2 = "scenario_2/supvisors_rules.xml";
    private static final String SCENARIO_2_MC = "scenario_2/supvisors_rules_mc.xml";
    private static final String SCENARIO_3 = "scenario_3/supvisors_rules.xml";
    private static final String SCENARIO_3_MC = "scenario_3/supvisors_rules_mc.xml";

    private final SupvisorsRulesReader reader = new SupvisorsRulesReader();

    @Test
    void theFixturesAreTheFiveUseCaseRulesFiles() {
        assertEquals(List.of(SCENARIO_1, SCENARIO_2, SCENARIO_2_MC, SCENARIO_3, SCENARIO_3_MC),
                RulesResources.filesUnder(RulesResources.CASES));
    }

    @ParameterizedTest
    @ValueSource(strings = {SCENARIO_1, SCENARIO_2, SCENARIO_2_MC, SCENARIO_3, SCENARIO_3_MC})
    void everyUseCaseFileLoadsAndIsNamedAfterItsFile(String file) {
        Sourced<RuleSet> read = read(file);

        String expectedName = file.endsWith("_mc.xml") ? "supvisors_rules_mc" : "supvisors_rules";
        assertEquals(expectedName, read.value().metadata().name());
        assertEquals(RuleSet.KIND, read.value().kind());
        assertFalse(read.value().spec().applicationsOrEmpty().isEmpty(), "every use case manages applications");
        assertEquals(file, read.sourceMap().file());
    }

    @ParameterizedTest
    @ValueSource(strings = {SCENARIO_1, SCENARIO_2, SCENARIO_3_MC})
    void aFileOnDiskReadsAsItsContent(String file, @TempDir Path directory) throws Exception {
        Path copy = directory.resolve(Path.of(file).getFileName());
        Files.write(copy, RulesResources.bytes(RulesResources.CASES + "/" + file));

        Sourced<RuleSet> fromDisk = reader.read(copy);

        assertArrayEquals(RulesResources.bytes(RulesResources.CASES + "/" + file), Files.readAllBytes(copy));
        assertEquals(read(file).value(), fromDisk.value());
        assertEquals(copy.toString(), fromDisk.sourceMap().file());
    }

    @Test
    void scenario1HasOneModelAndACatchAllProgram() {
        RuleSetSpec spec = read(SCENARIO_1).value().spec();

        assertNull(spec.aliases());
        assertEquals(List.of(new ProgramRule("model_scenario_1", null, null, null, 2, null, true, null, 2, null, null)),
                spec.models());
        ApplicationRule scen1 = spec.applications().get(0);
        assertEquals("scen1", scen1.name());
        assertEquals(StartingFailureStrategy.CONTINUE, scen1.startingFailureStrategy());
        assertEquals(List.of(
                new ProgramRule(null, "", "model_scenario_1", null, null, null, null, null, null, null, null),
                new ProgramRule(null, "wait_nfs_mount", "model_scenario_1", null, 1, null, null, true, null, null, null)),
                scen1.programs());
    }

    @Test
    void scenario2ServicesAreOneInstanceOnTheLeastLoadedServer() {
        RuleSetSpec spec = read(SCENARIO_2).value().spec();

        assertEquals(List.of(
                new Alias("servers", List.of("server_1", "server_2", "server_3")),
                new Alias("consoles", List.of("console_1", "console_2", "console_3"))), spec.aliases());
        assertEquals(List.of("model_services", "check_data_bus", "data_bus"),
                spec.models().stream().map(ProgramRule::name).toList());
        assertEquals(2, spec.applications().size());

        ApplicationRule services = spec.applications().get(0);
        assertNull(services.name());
        assertEquals("scen2_srv_", services.pattern());
        assertEquals(Distribution.SINGLE_INSTANCE, services.distribution());
        assertEquals(List.of("servers"), services.identifiers());
        assertEquals(1, services.startSequence());
        assertNull(services.stopSequence(), "not written: Supvisors derives it");
        assertEquals(StartingStrategy.LESS_LOADED, services.startingStrategy());
        assertEquals(StartingFailureStrategy.STOP, services.startingFailureStrategy());
        assertNull(services.runningFailureStrategy());
        assertEquals(List.of(
                new ProgramRule("scen2_common_bus_interface", null, "model_services", null, 4, null, null, null, null, null, null),
                new ProgramRule("scen2_check_common_data_bus", null, "check_data_bus", null, 3, null, null, null, null, null, null),
                new ProgramRule(null, "", "model_services", null, null, null, null, null, null, null, null),
                new ProgramRule("scen2_check_internal_data_bus", null, "check_data_bus", null, null, null, null, null, null, null, null),
                new ProgramRule("scen2_internal_data_bus", null, "data_bus", null, null, null, null, null, null, null,
                        RunningFailureStrategy.RESTART_APPLICATION)),
                services.programs(), "in declaration order, the empty pattern kept as the empty string");

        ApplicationRule consoles = spec.applications().get(1);
        assertEquals("scen2_hci_", consoles.pattern());
        assertEquals(List.of("consoles"), consoles.identifiers());
        assertEquals(StartingStrategy.LOCAL, consoles.startingStrategy());
    }

    @Test
    void scenario2MultiConsoleFileNamesStereotypes() {
        RuleSetSpec spec = read(SCENARIO_2_MC).value().spec();

        assertNull(spec.aliases());
        assertEquals(List.of("@SERVER"), spec.applications().get(0).identifiers());
        assertEquals(List.of("@CONSOLE"), spec.applications().get(1).identifiers());
    }

    @Test
    void scenario3RestartsServiceProcessesAndHashesConsoles() {
        RuleSetSpec spec = read(SCENARIO_3).value().spec();

        ApplicationRule services = spec.applications().get(0);
        assertEquals("scen3_srv", services.name());
        assertNull(services.pattern());
        assertNull(services.distribution(), "not written: ALL_INSTANCES by default");
        assertEquals(RunningFailureStrategy.RESTART_PROCESS, services.runningFailureStrategy());
        assertEquals(StartingFailureStrategy.CONTINUE, services.startingFailureStrategy());
        assertEquals(4, services.programs().size());

        ApplicationRule consoles = spec.applications().get(1);
        assertEquals("scen3_hci_", consoles.pattern());
        assertEquals(List.of("#", "consoles"), consoles.identifiers());
        assertEquals(3, consoles.startSequence());
        assertEquals(List.of("servers"), spec.models().get(0).identifiers());

        assertEquals(List.of("#", "@CONSOLE"), read(SCENARIO_3_MC).value().spec().applications().get(1).identifiers());
    }

    @Test
    void theSourceMapPointsAtTheReferenceOfAProgram() {
        String resource = RulesResources.CASES + "/" + SCENARIO_2;
        Sourced<RuleSet> read = read(SCENARIO_2);

        // the catch-all program of the services application: its <reference> is on the next line
        int programLine = RulesResources.lineOf(resource, "scen2_srv_", "<program pattern=\"\">", 1);
        int referenceLine = RulesResources.lineOf(resource, "scen2_srv_", "<reference>model_services</reference>", 2);
        SourceLocation reference = read.sourceMap().locate("/spec/applications/0/programs/2/reference");

        String referenceText = RulesResources.lines(resource).get(referenceLine - 1);
        int pastStartTag = referenceText.indexOf("<reference>") + "<reference>".length() + 1;

        assertEquals(programLine + 1, referenceLine);
        assertEquals(new SourceLocation(SCENARIO_2, referenceLine, pastStartTag), reference,
                "the line of <reference>, the column just past its start tag");
        assertEquals(programLine, read.sourceMap().locate("/spec/applications/0/programs/2").line());
    }

    private Sourced<RuleSet> read(String file) {
        return reader.read(RulesResources.bytes(RulesResources.CASES + "/" + file), file);
    }
}
