package io.drover.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.drover.api.state.IntentAction;
import org.junit.jupiter.api.Test;

class CommandRequestTest {

    private static String code(Runnable parse) {
        return assertThrows(ApiProblem.class, parse::run).code();
    }

    @Test
    void normalizesStrategiesAndImpliesLocalForANode() {
        assertEquals(new CommandRequest(IntentAction.START, "LESS_LOADED", null),
                CommandRequest.parse("start", " less_loaded ", null));
        assertEquals(new CommandRequest(IntentAction.RESTART, "LOCAL", "server_1"),
                CommandRequest.parse("RESTART", null, "server_1"));
        assertEquals(new CommandRequest(IntentAction.START, null, null), CommandRequest.parse("start", "", " "));
    }

    @Test
    void aStopKeepsNeitherStrategyNorNode() {
        CommandRequest stop = CommandRequest.parse("stop", "LOCAL", null);
        assertEquals(IntentAction.STOP, stop.action());
        assertNull(stop.strategy());
        assertNull(stop.node());
    }

    @Test
    void refusesWhatCannotBeDone() {
        assertEquals("NOT_FOUND", code(() -> CommandRequest.parse("reboot", null, null)));
        assertEquals("BAD_STRATEGY", code(() -> CommandRequest.parse("start", "FASTEST", null)));
        assertEquals("BAD_STRATEGY", code(() -> CommandRequest.parse("start", "LOCAL", null)));
        assertEquals("BAD_STRATEGY", code(() -> CommandRequest.parse("start", "CONFIG", "server_1")));
        assertEquals("INVALID_INPUT", code(() -> CommandRequest.parse("start", null, "../etc")));
        assertEquals("INVALID_INPUT", code(() -> CommandRequest.parse("start", null, "x".repeat(200))));
    }
}
