package io.drover.cli.client;

import io.drover.api.diagnostics.InvalidInputException;
import io.drover.cli.client.config.ConnectionOptions;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.output.Style;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that talks to the operator: it finds the connection, runs, and turns every failure into one sentence on
 * standard error and an {@link ExitCode}, so that no verb prints a stack trace or decides exit codes on its own.
 */
public abstract class ClientCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected ConnectionOptions connection;

    private ApiClient client;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ClientException e) {
            if (Thread.currentThread().isInterrupted()) {
                // interrupted in the middle of a request: the user stopped a watch, nothing failed
                return ExitCode.OK;
            }
            if (e.exitCode() == ExitCode.USAGE) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            report(e.getMessage());
            e.details().forEach(detail -> err().println("  " + detail));
            err().flush();
            return e.exitCode();
        } catch (InvalidInputException e) {
            err().println(e.getMessage());
            err().flush();
            return ExitCode.ERROR;
        } catch (InterruptedException e) {
            // a watch or a wait stopped by the user (or a test) ends quietly
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            report(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            if (System.getenv("DROVER_DEBUG") != null) {
                e.printStackTrace(err());
            }
            err().flush();
            return ExitCode.ERROR;
        }
    }

    /** The verb itself; returns its exit code. */
    protected abstract int execute() throws Exception;

    protected ApiClient client() {
        if (client == null) {
            client = new ApiClient(connection.resolve());
        }
        return client;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Style style() {
        return Style.forTerminal(System.getenv());
    }

    private void report(String message) {
        err().println(style().error("drover: ") + message);
    }
}
