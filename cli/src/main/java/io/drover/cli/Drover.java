package io.drover.cli;

import io.drover.agent.AgentCommand;
import io.drover.cli.up.DownCommand;
import io.drover.cli.up.UpCommand;
import io.drover.operator.OperatorCommand;
import io.drover.api.diagnostics.InvalidInputException;
import io.drover.cli.offline.BreedCommand;
import io.drover.cli.offline.ConvertCommand;
import io.drover.cli.offline.ResolveCommand;
import io.drover.cli.offline.ValidateCommand;
import java.io.PrintWriter;
import java.util.Set;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drover} command line. */
@Command(name = "drover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps distributed applications running across many machines.",
        subcommands = {ValidateCommand.class, ResolveCommand.class, ConvertCommand.class, BreedCommand.class, AgentCommand.class,
                OperatorCommand.class, UpCommand.class, DownCommand.class,
                io.drover.cli.client.ApplyCommand.class, io.drover.cli.client.DiffCommand.class,
                io.drover.cli.client.DeleteCommand.class, io.drover.cli.client.GetCommand.class,
                io.drover.cli.client.DescribeCommand.class, io.drover.cli.client.ControlCommands.Start.class,
                io.drover.cli.client.ControlCommands.Stop.class, io.drover.cli.client.ControlCommands.Restart.class,
                io.drover.cli.client.LogsCommand.class, io.drover.cli.client.VersionCommand.class,
                io.drover.cli.client.CompletionCommand.class, io.drover.cli.client.ConfigCommand.class,
                io.drover.cli.client.ConciliateCommand.class,
                CommandLine.HelpCommand.class})
public final class Drover {

    /** Exit code of a command whose input was refused (invalid file, unknown name). */
    public static final int EXIT_INVALID_INPUT = 1;
    /** Exit code of a command line that picocli could not parse. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of any other error: 1 as well, as every drover command answers (3 to 5 say not found, conflict, timeout). */
    public static final int EXIT_FAILURE = 1;

    /** Commands that run as daemons: they log what they do at INFO unless told otherwise. */
    private static final Set<String> DAEMONS = Set.of("agent", "operator", "up");

    public static void main(String[] args) {
        if (args.length > 0 && DAEMONS.contains(args[0]) && System.getenv("DROVER_LOG_LEVEL") == null) {
            // read by logback.xml when logging starts, which is after this line
            System.setProperty("DROVER_LOG_LEVEL", "INFO");
        }
        // gRPC and others log through java.util.logging: route it to the same quiet configuration
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Drover());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(Drover::handleFailure);
        return commandLine;
    }

    /** Failures are reported as sentences; a stack trace is shown only when DROVER_DEBUG is set. */
    private static int handleFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof InvalidInputException invalid) {
            err.println(invalid.getMessage());
            return EXIT_INVALID_INPUT;
        }
        err.println("drover: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
        if (System.getenv("DROVER_DEBUG") != null) {
            failure.printStackTrace(err);
        } else {
            err.println("(set DROVER_DEBUG=1 to see where it failed)");
        }
        return EXIT_FAILURE;
    }
}
