package io.drover.cli.client.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every verb that talks to the operator accepts; see {@link ConnectionResolver} for the precedence. */
public final class ConnectionOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "The operator's REST API, e.g. http://127.0.0.1:8080 (env DROVER_SERVER; else the context's"
                    + " server).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token sent with every request (env DROVER_TOKEN; else the context's token).")
    String token;

    @Option(names = "--context", paramLabel = "NAME",
            description = "The context of the configuration file to use (env DROVER_CONTEXT; else its"
                    + " current-context).")
    String context;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "PEM file of the CA certificates an https server must chain to (env DROVER_CA_FILE; else"
                    + " the context's certificate-authority).")
    Path certificateAuthority;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The client configuration file (env DROVER_CONFIG; default"
                    + " $XDG_CONFIG_HOME/drover/config.yaml, else ~/.config/drover/config.yaml).")
    Path config;

    public ConnectionResolver.Flags flags() {
        return new ConnectionResolver.Flags(config, context, server, token, certificateAuthority);
    }

    public Connection resolve() {
        return ConnectionResolver.standard().resolve(flags());
    }
}
