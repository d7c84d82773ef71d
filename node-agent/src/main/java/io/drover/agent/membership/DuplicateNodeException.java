package io.drover.agent.membership;

/** Another live agent already holds the node id this agent was asked to run as. */
public final class DuplicateNodeException extends RuntimeException {

    public DuplicateNodeException(String message) {
        super(message);
    }
}
