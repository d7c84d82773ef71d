package io.drover.agent.command;

/**
 * Why a process could not be spawned, worded for the user as Supervisor words its {@code spawnerr}
 * ("can't find command 'x'", "command at 'x' is not executable", ...).
 */
public final class SpawnException extends Exception {

    private static final long serialVersionUID = 1L;

    public SpawnException(String message) {
        super(message, null, false, false);
    }

    public SpawnException(String message, Throwable cause) {
        super(message, cause);
    }
}
