package io.drover.cli.client.http;

/** One Server-Sent Event: its id (null when the server gave none), its type ("message" by default) and its data. */
public record SseEvent(String id, String event, String data) {
}
