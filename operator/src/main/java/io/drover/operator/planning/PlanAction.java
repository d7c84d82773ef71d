package io.drover.operator.planning;

import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Assignment;
import io.drover.api.state.EventRecord;
import io.drover.api.state.SystemRequest;
import java.util.Objects;

/**
 * One explicit step of a {@link Plan}: data only, applied by the actuator inside one fenced transaction (the
 * leader key's create_revision compared with the epoch), each write also compared with the revision the planner
 * saw, so a stale plan fails as a whole and is planned again.
 */
public sealed interface PlanAction {

    /**
     * Put {@code v1/assignments/<node>/<app>/<process>}.
     *
     * @param expectedModRevision the key's mod_revision when planned; 0 when the key must not exist
     * @param reason              why, for humans (also the message of the accompanying event)
     */
    record PutAssignment(String node, Assignment assignment, long expectedModRevision, String reason) implements PlanAction {
        public PutAssignment {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(assignment, "assignment");
        }

        public String application() {
            return assignment.application();
        }

        public String process() {
            return assignment.process();
        }
    }

    /** Delete {@code v1/assignments/<node>/<app>/<process>}, if still at {@code expectedModRevision}. */
    record DeleteAssignment(String node, String application, String process, long expectedModRevision, String reason)
            implements PlanAction {
    }

    /** Put {@code v1/status/applications/<app>}. */
    record WriteStatus(String application, ApplicationStatus status) implements PlanAction {
    }

    /** Delete {@code v1/status/applications/<app>} (the application is deleted and nothing of it is left). */
    record DeleteStatus(String application) implements PlanAction {
    }

    /**
     * Put {@code v1/system/request}: every managed application stops (SHUTDOWN), then starts again (RESTART), if the
     * key is still at {@code expectedModRevision} (0: absent), so that two crashes never write two requests.
     */
    record WriteSystemRequest(SystemRequest request, long expectedModRevision) implements PlanAction {
    }

    /** Write an event ({@code v1/events/<time>-<id>}, under a short lease): what was decided and why. */
    record EmitEvent(EventRecord event) implements PlanAction {
    }
}
