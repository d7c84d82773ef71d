package io.drover.api.keyspace;

import io.drover.api.model.Names;

/**
 * One process on one node: what an assignment key and a process key both designate.
 *
 * @param node        the node the process is assigned to or observed on
 * @param application the application (Supervisor group) the process belongs to
 * @param process     the process name within the application
 */
public record ProcessRef(String node, String application, String process) {

    public ProcessRef {
        Names.require("node", node);
        Names.require("application", application);
        Names.require("process", process);
    }

    /** The {@code app/process} form used as a map key where the node is implied, as in node statistics. */
    public String qualifiedName() {
        return application + "/" + process;
    }
}
