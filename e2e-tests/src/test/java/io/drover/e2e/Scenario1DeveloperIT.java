package io.drover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.ProgramSpec;
import io.drover.api.state.ProcessState;
import io.drover.cli.up.Topology;
import io.drover.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supvisors' scenario 1 in the developer's configuration: the same example files, deploy/examples/scenario-1, read
 * by a single node through etc/supervisord_localhost.conf (every program, no NFS wait), as a developer runs the
 * application on one machine.
 */
class Scenario1DeveloperIT {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final String APPLICATION = "scen1";
    private static final String NODE = "localhost";

    @RegisterExtension
    static EtcdExtension etcd = EtcdExtension.singleMember();

    @TempDir
    static Path dir;

    private static ExampleCluster example;
    private static DroverCluster view;
    private static ScenarioChecks checks;

    @BeforeAll
    static void startTheDevelopersConfiguration() throws Exception {
        Path folder = ExampleCluster.exampleFolder("scenario-1");
        Topology distributed = Topology.read(folder);
        Topology developer = new Topology(folder, distributed.files(), distributed.path(), distributed.env(),
                List.of(new Topology.Node(NODE, List.of(), folder.resolve("etc/supervisord_localhost.conf"), Map.of())),
                distributed.now());
        example = ExampleCluster.of(etcd, dir, developer);
        view = example.view();
        checks = new ScenarioChecks(view);
        example.start();
        view.awaitOrDump("the developer's node registered and an operator leading", WITHIN, example::ready);
        example.apply();
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        if (example != null) {
            example.close("Scenario1DeveloperIT");
        }
    }

    @Test
    void r06_theWholeApplicationRunsOnTheDevelopersSingleNode() {
        view.awaitOrDump("scen1 fully started on the developer's node", WITHIN,
                () -> checks.fullyStarted(APPLICATION, Scenario1IT.SERVICES));
        assertEquals(Set.of(NODE), checks.runningNodes(APPLICATION), checks.explain(APPLICATION));
        for (String program : Scenario1IT.SERVICES) {
            assertEquals(ProcessState.RUNNING, view.observed(APPLICATION, program).orElseThrow().status().state(),
                    program);
        }
    }

    @Test
    void r07_theDevelopersConfigurationDoesNotWaitForTheNfsMount() {
        List<String> programs = example.inputs().application(APPLICATION).orElseThrow().value().spec()
                .programsOrEmpty().stream().map(ProgramSpec::name).toList();
        assertTrue(programs.stream().noneMatch(p -> p.contains("wait_nfs_mount")), "programs: " + programs);
        view.awaitOrDump("scen1 fully started on the developer's node", WITHIN,
                () -> checks.fullyStarted(APPLICATION, Scenario1IT.SERVICES));
        assertTrue(view.observed(APPLICATION).stream().noneMatch(o -> o.process().contains("wait_nfs_mount")),
                "an NFS wait ran: " + view.observed(APPLICATION));
    }
}
