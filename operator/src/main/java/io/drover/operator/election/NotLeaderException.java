package io.drover.operator.election;

/** Thrown when a write needs the leader's fence and this replica does not lead (any more). */
public final class NotLeaderException extends IllegalStateException {

    public NotLeaderException(String message) {
        super(message);
    }
}
