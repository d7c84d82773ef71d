package io.drover.api.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateJsonTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Instant T0 = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final Instant T1 = Instant.parse("2026-11-22T10:16:00Z");

    static Stream<Object> examples() {
        return Stream.of(
                new NodeInfo("node-1", "host-a", List.of("gpu", "front"), 150, URI.create("http://10.0.0.1:7070"),
                        "0.1.0", T0),
                new NodeStats(0.25, 4_000_000_000L, 16_000_000_000L, new LoadAverage(0.5, 0.75, 1.0),
                        Map.of("web/api_00", new ProcessUsage(1.0, 12_345_678L)), T0),
                new Assignment(DesiredState.RUNNING, "sha256:abc", 42, "web", "api_00", T0, "req-1"),
                new Assignment(DesiredState.STOPPED, "sha256:abc", 43, "web", "api_00", T1, null),
                new ProcessStatus(ProcessState.RUNNING, 4321L, T0, null, null, false, null, 57, T1),
                new ProcessStatus(ProcessState.EXITED, null, T0, T1, 2, true, null, 58, T1),
                new ProcessStatus(ProcessState.FATAL, null, null, T1, null, false, "spawn error: ENOENT", 59, T1),
                new Intent(DesiredState.RUNNING, "LESS_LOADED", null, "req-2", T0),
                new Intent(DesiredState.RUNNING, "LOCAL", "node-2", "req-3", T0),
                new ApplicationStatus(ApplicationState.RUNNING, false, true, Map.of("api_00", "node-1"),
                        List.of(new Condition("Operational", ConditionStatus.FALSE, "MinorFailure", "api_01 is FATAL", T1)), 17),
                new LeaderRecord("operator-a", 0, T0).withEpoch(99),
                new EventRecord(T0, "operator/operator-a", EventType.WARNING, "process/web/api_00", "StartFailed",
                        "api_00 exited with 2 while starting"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void roundTripsThroughTheSharedMapper(Object value) throws JsonProcessingException {
        String json = JSON.writeValueAsString(value);
        assertEquals(value, JSON.readValue(json, value.getClass()), json);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void refusesUnknownFields(Object value) {
        ObjectNode tree = JSON.valueToTree(value);
        tree.put("surprise", 1);
        assertThrows(UnrecognizedPropertyException.class, () -> JSON.treeToValue(tree, value.getClass()));
    }

    @Test
    void writesEnumsByNameAndInstantsAsIsoText() throws JsonProcessingException {
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(
                new ProcessStatus(ProcessState.BACKOFF, null, T0, null, null, false, null, 1, T1)));
        assertEquals("BACKOFF", tree.get("state").asText());
        assertEquals("2026-11-22T10:15:30.123Z", tree.get("startTime").asText());
        assertFalse(tree.has("exitCode"), "absent values are not written");
    }

    @Test
    void exitCodeStaysUnknownForAdoptedProcesses() throws JsonProcessingException {
        String json = "{\"state\":\"RUNNING\",\"pid\":77,\"expectedExit\":false,\"assignmentRevision\":3,"
                + "\"updatedAt\":\"2026-11-22T10:16:00Z\"}";
        ProcessStatus status = JSON.readValue(json, ProcessStatus.class);
        assertNull(status.exitCode());
        assertEquals(77L, status.pid());
    }

    @Test
    void nodeCapacityDefaultsTo100() throws JsonProcessingException {
        NodeInfo node = JSON.readValue("{\"nodeId\":\"n1\",\"hostId\":\"h\",\"startTime\":\"2026-11-22T10:16:00Z\"}",
                NodeInfo.class);
        assertEquals(NodeInfo.DEFAULT_CAPACITY, node.capacity());
        assertEquals(List.of(), node.labels());
    }

    @Test
    void refusesValuesThatBreakTheirInvariants() {
        assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"nodeId\":\"a/b\",\"hostId\":\"h\"}", NodeInfo.class));
        assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"nodeId\":\"n\",\"hostId\":\"h\",\"capacity\":0}", NodeInfo.class));
        assertThrows(JsonProcessingException.class, () -> JSON.readValue(
                "{\"desired\":\"RUNNING\",\"specHash\":\"h\",\"epoch\":0,\"application\":\"a\",\"process\":\"p\"}",
                Assignment.class));
        assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"state\":20,\"expectedExit\":false,\"assignmentRevision\":1}", ProcessStatus.class),
                "states are written by name, never by number");
    }

    @Test
    void processStatesCarrySupervisorCodesAndGroups() {
        assertEquals(List.of(0, 10, 20, 30, 40, 100, 200, 1000), Stream.of(ProcessState.values()).map(ProcessState::code).toList());
        assertEquals(ProcessState.BACKOFF, ProcessState.fromCode(30));
        assertThrows(IllegalArgumentException.class, () -> ProcessState.fromCode(5));
        assertTrue(ProcessState.STARTING.isRunning() && ProcessState.RUNNING.isRunning() && ProcessState.BACKOFF.isRunning());
        assertTrue(ProcessState.STOPPED.isStopped() && ProcessState.EXITED.isStopped()
                && ProcessState.FATAL.isStopped() && ProcessState.UNKNOWN.isStopped());
        assertFalse(ProcessState.STOPPING.isRunning() || ProcessState.STOPPING.isStopped(), "STOPPING is in neither group");
        assertThrows(UnsupportedOperationException.class, () -> ProcessState.RUNNING_STATES.add(ProcessState.STOPPING));
    }

    @Test
    void applicationStatesCarrySupvisorsCodes() {
        assertEquals(List.of(0, 1, 2, 3), Stream.of(ApplicationState.values()).map(ApplicationState::code).toList());
        assertEquals(ApplicationState.STOPPING, ApplicationState.fromCode(3));
    }

    @Test
    void statsKeyProcessesByApplicationAndProcess() {
        assertEquals("web/api_00", NodeStats.processKey("web", "api_00"));
    }
}
