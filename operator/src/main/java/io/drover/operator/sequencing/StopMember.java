package io.drover.operator.sequencing;

import java.time.Instant;

/**
 * One copy of a process in a stop sequence.
 *
 * @param process  process name
 * @param node     the node it runs on
 * @param stage    its stop_sequence (stages run greatest first)
 * @param progress where it stands
 * @param deadline when a GOING_DOWN copy must be stopped (null otherwise)
 */
public record StopMember(String process, String node, int stage, StopProgress progress, Instant deadline) {
}
