package io.drover.agent.process;

import io.drover.api.model.Names;

/** A process of this node: its application (Supervisor group) and its process name, as in {@code app/process}. */
public record ProcessKey(String application, String process) implements Comparable<ProcessKey> {

    public ProcessKey {
        Names.require("application", application);
        Names.require("process", process);
    }

    @Override
    public int compareTo(ProcessKey other) {
        int byApplication = application.compareTo(other.application);
        return byApplication != 0 ? byApplication : process.compareTo(other.process);
    }

    @Override
    public String toString() {
        return application + "/" + process;
    }
}
