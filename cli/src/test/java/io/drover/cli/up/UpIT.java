package io.drover.cli.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.model.Application;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.EtcdStore;
import io.drover.cli.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drover up's machinery on each of Supvisors' use cases, in this JVM, with a real etcd, operator, agents and their
 * processes (drover's stand-ins, whose checks read the states of the buses they wait for): where each application
 * lands, that the wait_exit stages really wait, and that stopping leaves nothing running.
 */
class UpIT {

    /** Longer than any example takes to settle (scenario 2 waits out common_data_bus' 40 s startsecs). */
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** An example run until its automatic starts have settled, with what its view showed then. */
    private record Settled(ClusterView view, String told, List<Long> pids) {

        ProcessStatus observed(String application, String process, String node) {
            ClusterView.App app = view.applications().get(application);
            assertNotNull(app, application + " is in the view:\n" + view.table());
            return app.processes().stream().filter(p -> p.name().equals(process) && p.node().equals(node))
                    .map(ClusterView.Proc::observed).findFirst()
                    .orElseThrow(() -> new AssertionError(application + "/" + process + " on " + node + ":\n" + view.table()));
        }

        /** Nodes where the processes of {@code application} are assigned to run. */
        Set<String> nodes(String application) {
            return new HashSet<>(view.applications().get(application).runningOn());
        }
    }

    /** etcd, and etcdctl with which the stand-in checks read the states they wait for. */
    private static Path etcdBinary() {
        EtcdBinary.findClient(System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(EtcdBinary.missingMessage()));
        return EtcdBinary.find(System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(EtcdBinary.missingMessage()));
    }

    /** Runs {@code example} in {@link #dir} until settled, checks all its automatic starts ran, stops it all. */
    private Settled run(String example) throws Exception {
        StringWriter told = new StringWriter();
        Topology topology = Topology.read(Run.repository("deploy/examples/" + example));
        LocalUp up = LocalUp.create(new LocalUp.Options(dir, topology, new PrintWriter(told, true), System.nanoTime()));
        Settled settled;
        try {
            up.start(etcdBinary());
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(dir.resolve(LocalUp.PID_FILE)).strip());
            Expectations.Progress progress = up.awaitSettled(SETTLED_WITHIN);
            ClusterView view = up.view();
            assertTrue(progress.allRunning(), progress + "\n" + view.table() + told);
            List<Long> pids = new ArrayList<>(view.pids());
            pids.add(up.etcdPid());
            settled = new Settled(view, told.toString(), pids);
        } finally {
            up.close();
        }
        for (long pid : settled.pids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is gone");
        }
        assertFalse(Files.exists(dir.resolve(LocalUp.PID_FILE)), "up.pid removed");
        assertFalse(Files.exists(dir.resolve(LocalEtcd.PID)), "etcd.pid removed");
        return settled;
    }

    @Test
    void scenarioOneRunsEachProgramOnItsNodeAfterTheMountChecksAndKeepsItsStateForTheNextUp() throws Exception {
        Settled settled = run("scenario-1");

        // the distribution is fixed by each node's own .ini files: %(host_node_name)s/*.ini
        Map<String, String> expected = new TreeMap<>(Map.of("scen1_hci", "rocky51", "scen1_config_manager", "rocky51",
                "scen1_sensor_acquisition_1", "rocky52", "scen1_sensor_processing_1", "rocky52",
                "scen1_sensor_acquisition_2", "rocky53", "scen1_sensor_processing_2", "rocky53"));
        expected.forEach((process, node) ->
                assertEquals(ProcessState.RUNNING, settled.observed("scen1", process, node).state(), process));
        for (String node : List.of("rocky51", "rocky52", "rocky53")) {
            String check = "scen1_wait_nfs_mount_" + node.substring(node.length() - 1);
            ProcessStatus mount = settled.observed("scen1", check, node);
            assertEquals(ProcessState.EXITED, mount.state(), check);
            assertEquals(0, mount.exitCode(), check);
        }
        ProcessStatus mount = settled.observed("scen1", "scen1_wait_nfs_mount_2", "rocky52");
        ProcessStatus sensor = settled.observed("scen1", "scen1_sensor_acquisition_1", "rocky52");
        assertFalse(sensor.startTime().isBefore(mount.stopTime()), "stage 2 starts once the mount check has exited");

        // the state is kept for the next up: a new etcd on the same folder still holds the application
        try (LocalEtcd etcd = LocalEtcd.start(etcdBinary(), dir, Duration.ofSeconds(20));
             EtcdStore store = EtcdStore.connect(List.of(etcd.endpoint()))) {
            assertTrue(store.get(Keyspace.defaultKeyspace().application("scen1"), Application.class).isPresent());
        }
    }

    @Test
    void scenarioTwoRunsItsThreeServicesOnThreeServersOnceTheirBusesRun() throws Exception {
        Settled settled = run("scenario-2");

        Set<String> servers = new HashSet<>();
        for (String service : List.of("scen2_srv_01", "scen2_srv_02", "scen2_srv_03")) {
            Set<String> nodes = settled.nodes(service);
            assertEquals(1, nodes.size(), service + " runs on one node: " + nodes);
            String node = nodes.iterator().next();
            assertTrue(node.startsWith("server_"), service + " on " + node);
            servers.add(node);
            // stage 4 starts after stage 3's check has seen common_data_bus RUNNING, 40 s (its startsecs) after it spawned
            ProcessStatus bus = settled.observed("common_data_bus", "common_data_bus", node);
            ProcessStatus iface = settled.observed(service, "scen2_common_bus_interface", node);
            assertEquals(ProcessState.RUNNING, iface.state());
            assertTrue(Duration.between(bus.startTime(), iface.startTime()).compareTo(Duration.ofSeconds(39)) >= 0,
                    service + ": its interface started " + Duration.between(bus.startTime(), iface.startTime())
                            + " after the bus");
        }
        assertEquals(3, servers.size(), "one server each: " + servers);
        assertTrue(settled.view().table().contains("scen2_srv_01"), settled.view().table());
        assertTrue(settled.told().contains("cluster ready in"), settled.told());
    }

    @Test
    void scenarioThreeRunsOneHciPerConsoleAndItsServicesOnServersOnceTheInternalBusRuns() throws Exception {
        Settled settled = run("scenario-3");

        // '#,consoles': scen3_hci_0N goes to the Nth console, whose configuration alone includes that group
        for (int n = 1; n <= 3; n++) {
            assertEquals(Set.of("console_" + n), settled.nodes("scen3_hci_0" + n));
        }
        Set<String> serviceNodes = settled.nodes("scen3_srv");
        assertTrue(serviceNodes.stream().allMatch(n -> n.startsWith("server_")), serviceNodes.toString());
        // each check exits once the bus of its node has lived its startsecs (10 s)
        for (String node : List.of("console_1", "console_2", "console_3")) {
            String hci = "scen3_hci_0" + node.substring(node.length() - 1);
            ProcessStatus bus = settled.observed("scen3_internal_data_bus", "scen3_internal_data_bus", node);
            ProcessStatus check = settled.observed(hci, "scen3_check_internal_data_bus", node);
            assertEquals(0, check.exitCode(), hci);
            assertTrue(Duration.between(bus.startTime(), check.stopTime()).compareTo(Duration.ofSeconds(9)) >= 0,
                    hci + ": its check exited " + Duration.between(bus.startTime(), check.stopTime()) + " after the bus"
                            + " started");
        }
    }
}
