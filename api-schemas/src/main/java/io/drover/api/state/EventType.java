package io.drover.api.state;

/** How much attention an event deserves, as Kubernetes event types. */
public enum EventType {
    NORMAL,
    WARNING
}
