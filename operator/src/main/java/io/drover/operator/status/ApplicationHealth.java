package io.drover.operator.status;

import io.drover.api.state.ApplicationState;
import java.util.List;

/**
 * The synthesised state of an application and its failures, with the processes that cause them.
 *
 * @param formulaError why the operational_status formula could not be evaluated (null when it could, or none)
 */
public record ApplicationHealth(ApplicationState state, boolean majorFailure, boolean minorFailure,
                                List<String> majorCauses, List<String> minorCauses, String formulaError) {

    public ApplicationHealth {
        majorCauses = List.copyOf(majorCauses);
        minorCauses = List.copyOf(minorCauses);
    }
}
