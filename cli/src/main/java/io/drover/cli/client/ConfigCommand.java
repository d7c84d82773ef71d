package io.drover.cli.client;

import io.drover.cli.client.config.ClientConfig;
import io.drover.cli.client.config.ConnectionResolver;
import io.drover.cli.client.config.Context;
import io.drover.cli.client.output.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover config}: the named contexts of the client configuration file, as {@code kubectl config}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Shows and edits the client configuration: named contexts (server, token, CA file) and the"
                + " current one.",
        subcommands = {ConfigCommand.GetContexts.class, ConfigCommand.UseContext.class, ConfigCommand.SetContext.class})
public final class ConfigCommand {

    /** The configuration file option shared by the config verbs. */
    abstract static class ConfigVerb implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The client configuration file (env DROVER_CONFIG; default"
                        + " $XDG_CONFIG_HOME/drover/config.yaml, else ~/.config/drover/config.yaml).")
        Path config;

        Path file() {
            return ConnectionResolver.standard().configFile(config);
        }

        @Override
        public Integer call() {
            try {
                return run(ClientConfig.read(file()));
            } catch (ClientException e) {
                spec.commandLine().getErr().println("drover: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return e.exitCode();
            }
        }

        abstract int run(ClientConfig config);
    }

    @Command(name = "get-contexts", mixinStandardHelpOptions = true,
            description = "Lists the contexts; * marks the current one. Tokens are never printed.")
    public static final class GetContexts extends ConfigVerb {
        @Override
        int run(ClientConfig config) {
            Table table = new Table(List.of("CURRENT", "NAME", "SERVER", "TOKEN", "CERTIFICATE-AUTHORITY"));
            for (Context context : config.contexts()) {
                table.add(List.of(context.name().equals(config.currentContext()) ? "*" : "", context.name(),
                        context.server() == null ? "" : context.server(), context.token() == null ? "" : "(set)",
                        context.certificateAuthority() == null ? "" : context.certificateAuthority()));
            }
            spec.commandLine().getOut().print(table.render(io.drover.cli.client.output.Style.plain()));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "use-context", mixinStandardHelpOptions = true,
            description = "Makes NAME the current context.")
    public static final class UseContext extends ConfigVerb {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int run(ClientConfig config) {
            if (config.context(name).isEmpty()) {
                throw ClientException.notFound("no context named '" + name + "' in " + file());
            }
            config.withCurrentContext(name).write(file());
            spec.commandLine().getOut().println("current context: " + name);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "set-context", mixinStandardHelpOptions = true,
            description = "Creates the context NAME, or changes the fields given (the file is made readable by its"
                    + " owner only).")
    public static final class SetContext extends ConfigVerb {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--server", paramLabel = "URL", description = "The operator's REST API URL.")
        String server;

        @Option(names = "--token", paramLabel = "TOKEN", description = "The bearer token.")
        String token;

        @Option(names = "--certificate-authority", paramLabel = "FILE",
                description = "PEM file of the CA certificates of an https server.")
        Path certificateAuthority;

        @Option(names = "--use", description = "Also make it the current context.")
        boolean use;

        @Override
        int run(ClientConfig config) {
            if (server != null) {
                ConnectionResolver.serverUri(server);
            }
            Context context = config.context(name).orElse(new Context(name, null, null, null)).merge(server, token,
                    certificateAuthority == null ? null : certificateAuthority.toAbsolutePath().toString());
            ClientConfig updated = config.with(context);
            if (use || config.currentContext() == null) {
                updated = updated.withCurrentContext(name);
            }
            updated.write(file());
            spec.commandLine().getOut().println("context " + name + " saved in " + file()
                    + (name.equals(updated.currentContext()) ? " (current)" : ""));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
