package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.VersionProvider;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drover version}: this client's version, and the operator it talks to. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = {"Prints the client's version, then the operator's health (id, leader, synced) unless --client.",
                "Exit 1 when the operator cannot be reached."})
public final class VersionCommand extends ClientCommand {

    @Option(names = "--client", description = "Only the client's version; do not contact the operator.")
    boolean clientOnly;

    @Override
    protected int execute() {
        PrintWriter out = out();
        out.println("Client: drover " + VersionProvider.version() + " (Java " + System.getProperty("java.version") + ")");
        out.flush();
        if (clientOnly) {
            return ExitCode.OK;
        }
        JsonNode health = client().get("/healthz");
        out.println("Server: " + client().connection().server() + " operator " + health.path("id").asText("?")
                + (health.path("leader").asBoolean() ? " (leader" : " (standby")
                + (health.has("epoch") ? ", epoch " + health.path("epoch").asText() : "")
                + (health.path("synced").asBoolean() ? ", synced)" : ", not synced yet)"));
        out.flush();
        return ExitCode.OK;
    }
}
