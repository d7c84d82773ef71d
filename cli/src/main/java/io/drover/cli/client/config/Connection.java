package io.drover.cli.client.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the client sends its requests and how it proves who it is: the operator's base URL (no trailing slash), a
 * bearer token or null, and the CA certificates to trust for {@code https}, or null for the JVM's defaults.
 */
public record Connection(URI server, String token, Path certificateAuthority) {

    /** {@code path} (starting with '/') on this server. */
    public URI resolve(String path) {
        return URI.create(server.toString() + path);
    }
}
