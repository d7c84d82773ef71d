package io.drover.agent.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a process starts with, built as supervisord builds it: the agent's own environment, then the
 * variables telling the program it runs supervised, then the program's {@code environment}, which wins.
 */
public final class ProcessEnvironment {

    public static final String SUPERVISOR_ENABLED = "SUPERVISOR_ENABLED";
    public static final String SUPERVISOR_PROCESS_NAME = "SUPERVISOR_PROCESS_NAME";
    public static final String SUPERVISOR_GROUP_NAME = "SUPERVISOR_GROUP_NAME";
    public static final String DROVER_NODE_ID = "DROVER_NODE_ID";
    public static final String DROVER_APPLICATION = "DROVER_APPLICATION";

    private ProcessEnvironment() {
    }

    /**
     * @param programEnvironment the program's variables, already expanded (null when it sets none)
     */
    public static Map<String, String> build(Map<String, String> agentEnvironment, String nodeId, String application,
                                            String processName, Map<String, String> programEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(agentEnvironment);
        // programs written for Supervisor test these to know they are supervised and under which name
        environment.put(SUPERVISOR_ENABLED, "1");
        environment.put(SUPERVISOR_PROCESS_NAME, processName);
        environment.put(SUPERVISOR_GROUP_NAME, application);
        environment.put(DROVER_NODE_ID, nodeId);
        environment.put(DROVER_APPLICATION, application);
        if (programEnvironment != null) {
            environment.putAll(programEnvironment);
        }
        return environment;
    }
}
