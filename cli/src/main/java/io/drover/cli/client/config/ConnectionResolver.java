package io.drover.cli.client.config;

import io.drover.cli.client.ClientException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides the {@link Connection} from, in this order: command-line options, environment variables
 * ({@code DROVER_SERVER}, {@code DROVER_TOKEN}, {@code DROVER_CA_FILE}, {@code DROVER_CONTEXT}), then the chosen context
 * of the configuration file ({@code --config}, {@code DROVER_CONFIG}, else {@code $XDG_CONFIG_HOME/drover/config.yaml},
 * else {@code ~/.config/drover/config.yaml}). A pure function of its inputs, so that tests need no environment.
 */
public final class ConnectionResolver {

    /** What the command line said; null where an option was not given. */
    public record Flags(Path config, String context, String server, String token, Path certificateAuthority) {
    }

    private final Map<String, String> environment;
    private final Path home;

    public ConnectionResolver(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    public static ConnectionResolver standard() {
        return new ConnectionResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The configuration file this client reads and {@code drover config} writes. */
    public Path configFile(Path flag) {
        if (flag != null) {
            return flag;
        }
        String explicit = env("DROVER_CONFIG");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = env("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("drover").resolve("config.yaml");
    }

    public Connection resolve(Flags flags) {
        Path file = configFile(flags.config());
        if (flags.config() != null && !Files.exists(file)) {
            throw ClientException.error("the configuration file " + file + " given by --config does not exist");
        }
        ClientConfig config = ClientConfig.read(file);
        String contextName = first(flags.context(), env("DROVER_CONTEXT"), config.currentContext());
        Context context = null;
        if (contextName != null) {
            context = config.context(contextName).orElseThrow(() -> ClientException.error("no context named '"
                    + contextName + "' in " + file + (config.contexts().isEmpty() ? " (it defines none)"
                    : "; its contexts are " + config.contexts().stream().map(Context::name)
                    .collect(Collectors.joining(", ")))));
        }
        String server = first(flags.server(), env("DROVER_SERVER"), context == null ? null : context.server());
        if (server == null) {
            throw ClientException.error("no operator to talk to: give --server URL (the operator's --http-host and"
                    + " --http-port, e.g. http://127.0.0.1:8080), set DROVER_SERVER, or add a context with"
                    + " 'drover config set-context NAME --server URL --use'");
        }
        String token = first(flags.token(), env("DROVER_TOKEN"), context == null ? null : context.token());
        String ca = first(flags.certificateAuthority() == null ? null : flags.certificateAuthority().toString(),
                env("DROVER_CA_FILE"), context == null ? null : context.certificateAuthority());
        Path caFile = ca == null ? null : Path.of(ca);
        if (caFile != null && !Files.isReadable(caFile)) {
            throw ClientException.error("the CA certificate file " + caFile + " cannot be read");
        }
        return new Connection(serverUri(server), token == null || token.isBlank() ? null : token.trim(), caFile);
    }

    /** Checks a server URL: http or https, a host, nothing after the path. */
    public static URI serverUri(String text) {
        String trimmed = text.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw ClientException.error("the server '" + text + "' is not a URL such as http://127.0.0.1:8080");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw ClientException.error("the server '" + text + "' is not an http:// or https:// URL with a host,"
                    + " such as http://127.0.0.1:8080");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw ClientException.error("the server '" + text + "' must not have a query or a fragment");
        }
        String withoutSlash = trimmed.replaceAll("/+$", "");
        return URI.create(withoutSlash);
    }

    private String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
