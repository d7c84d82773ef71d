package io.drover.agent;

/** The drover version of this agent, from the jar's manifest when packaged. */
final class AgentVersion {

    private AgentVersion() {
    }

    static String get() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
