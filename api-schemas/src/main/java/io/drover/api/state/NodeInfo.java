package io.drover.api.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.drover.api.model.Names;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Identity of a node, published by its node agent under the agent's lease ({@code v1/nodes/<node>}).
 *
 * @param nodeId        the node's name, the same as in the key
 * @param hostId        the host the agent runs on (host name or address); two nodes may share a host
 * @param labels        stereotypes of the node, matched by rules that select nodes by label
 * @param capacity      how much load the node accepts, in the unit of the programs' expected loads; 100 when absent
 * @param agentEndpoint where the node agent serves its own API (logs, process details)
 * @param version       drover version of the node agent
 * @param startTime     when the node agent started; a new value means the agent restarted
 */
public record NodeInfo(String nodeId, String hostId, List<String> labels, int capacity, URI agentEndpoint,
                       String version, Instant startTime) {

    public static final int DEFAULT_CAPACITY = 100;

    public NodeInfo {
        Names.require("node", nodeId);
        Objects.requireNonNull(hostId, "hostId");
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (capacity <= 0) {
            throw new IllegalArgumentException("node " + nodeId + ": capacity must be positive, not " + capacity);
        }
    }

    /** Reads a stored value; an absent capacity means {@value #DEFAULT_CAPACITY}. */
    @JsonCreator
    static NodeInfo fromJson(@JsonProperty("nodeId") String nodeId, @JsonProperty("hostId") String hostId,
                             @JsonProperty("labels") List<String> labels, @JsonProperty("capacity") Integer capacity,
                             @JsonProperty("agentEndpoint") URI agentEndpoint, @JsonProperty("version") String version,
                             @JsonProperty("startTime") Instant startTime) {
        return new NodeInfo(nodeId, hostId, labels, capacity == null ? DEFAULT_CAPACITY : capacity, agentEndpoint,
                version, startTime);
    }
}
