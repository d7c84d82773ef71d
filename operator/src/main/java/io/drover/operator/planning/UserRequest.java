package io.drover.operator.planning;

import io.drover.api.model.StartingStrategy;
import io.drover.api.state.DesiredState;
import io.drover.api.state.Intent;
import java.util.Locale;

/**
 * A user's intent read as a request: START, STOP or RESTART, with its id, starting strategy and target node.
 *
 * <p>The intent's action says which command it was; in intents written before actions were recorded, a restart is
 * an intent RUNNING whose request id starts with {@value #RESTART_PREFIX}; any other RUNNING intent is a start. An intent without a request id is named after the time it was asked.
 *
 * @param strategy        the strategy asked for, null for the application's default (also when the name is unknown:
 *                        {@code strategyProblem} then says so)
 * @param targetNode      the node LOCAL means
 */
public record UserRequest(Kind kind, String id, StartingStrategy strategy, String strategyProblem, String targetNode) {

    /** What the user asked. */
    public enum Kind {
        START, STOP, RESTART
    }

    /** How intents written before actions were recorded marked a restart. */
    static final String RESTART_PREFIX = "restart-";

    public static UserRequest of(Intent intent) {
        String id = intent.requestId() != null && !intent.requestId().isBlank() ? intent.requestId()
                : "intent-" + (intent.requestedAt() == null ? 0 : intent.requestedAt().toEpochMilli());
        Kind kind;
        if (intent.action() != null) {
            kind = Kind.valueOf(intent.action().name());
        } else {
            // written before intents recorded their command
            kind = intent.desired() == DesiredState.STOPPED ? Kind.STOP
                    : id.startsWith(RESTART_PREFIX) ? Kind.RESTART : Kind.START;
        }
        StartingStrategy strategy = null;
        String problem = null;
        if (intent.strategy() != null && !intent.strategy().isBlank()) {
            try {
                strategy = StartingStrategy.valueOf(intent.strategy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem = "unknown strategy '" + intent.strategy() + "', the application's default is used";
            }
        }
        return new UserRequest(kind, id, strategy, problem, intent.targetNode());
    }
}
