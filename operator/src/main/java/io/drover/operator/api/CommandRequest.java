package io.drover.operator.api;

import io.drover.api.model.Names;
import io.drover.api.model.StartingStrategy;
import io.drover.api.state.IntentAction;
import java.util.Arrays;
import java.util.Locale;

/**
 * A start, stop or restart as a user asked it, checked: a known starting strategy, a valid node name, and a node only
 * with the LOCAL strategy (which needs one). A stop keeps neither: stopping does not choose where to run.
 *
 * @param action   START, STOP or RESTART
 * @param strategy starting strategy name, null for the application's default
 * @param node     node to start on (LOCAL strategy), null otherwise
 */
record CommandRequest(IntentAction action, String strategy, String node) {

    /**
     * Parses a command's path segment and its optional {@code strategy} and {@code node} parameters.
     *
     * @throws ApiProblem 404 for an unknown command, 400 BAD_STRATEGY or INVALID_INPUT for bad parameters
     */
    static CommandRequest parse(String actionText, String strategyText, String nodeText) {
        IntentAction action = switch (actionText.toLowerCase(Locale.ROOT)) {
            case "start" -> IntentAction.START;
            case "stop" -> IntentAction.STOP;
            case "restart" -> IntentAction.RESTART;
            default -> throw ApiProblem.notFound("no command '" + abbreviate(actionText) + "'; the commands are start,"
                    + " stop and restart");
        };
        String strategy = blankToNull(strategyText);
        if (strategy != null) {
            try {
                strategy = StartingStrategy.valueOf(strategy.trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw badStrategy("unknown starting strategy '" + abbreviate(strategyText) + "'; use one of "
                        + Arrays.toString(StartingStrategy.values()));
            }
        }
        String node = blankToNull(nodeText);
        if (node != null) {
            Names.problem("node", node).ifPresent(p -> {
                throw ApiProblem.invalid(p);
            });
            if (strategy == null) {
                strategy = StartingStrategy.LOCAL.name();
            } else if (!StartingStrategy.LOCAL.name().equals(strategy)) {
                throw badStrategy("a node is given only with the LOCAL strategy, not " + strategy);
            }
        } else if (StartingStrategy.LOCAL.name().equals(strategy) && action != IntentAction.STOP) {
            throw badStrategy("the LOCAL strategy needs a node (node=NAME)");
        }
        if (action == IntentAction.STOP) {
            return new CommandRequest(action, null, null);
        }
        return new CommandRequest(action, strategy, node);
    }

    private static ApiProblem badStrategy(String detail) {
        return new ApiProblem(400, "BAD_STRATEGY", "Bad strategy", detail);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
