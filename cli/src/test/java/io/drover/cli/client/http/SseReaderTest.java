package io.drover.cli.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void eventsAreSplitOnBlankLinesAndCommentsSkipped() throws Exception {
        String stream = ": keep-alive\n\n"
                + "id: 41\nevent: application\ndata: {\"kind\":\"application\",\"name\":\"web\"}\n\n"
                + "id: 42\r\nevent: process\r\ndata: a\r\ndata: b\r\n\r\n"
                + "data: last";
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        SseEvent first = reader.next().orElseThrow();
        assertEquals(new SseEvent("41", "application", "{\"kind\":\"application\",\"name\":\"web\"}"), first);
        assertEquals(new SseEvent("42", "process", "a\nb"), reader.next().orElseThrow());
        assertTrue(reader.next().isEmpty(), "an event not ended by a blank line is not dispatched");
    }
}
