package io.drover.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.api.model.Names;
import io.drover.cli.client.http.ApiClient;
import io.drover.cli.client.resource.ProcessName;
import io.drover.cli.client.watch.Progress;
import io.drover.cli.client.watch.StateWait;
import io.drover.cli.client.watch.Target;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code drover start|stop|restart application NAME} and {@code ... process APP:PROCESS}: Supvisors'
 * start_application, stop_process and the like. The operator records the request and answers at once; {@code --wait}
 * follows it to the end.
 */
public final class ControlCommands {

    private ControlCommands() {
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts an application or one process (the operator places it by its rules or --strategy).",
            subcommands = {StartApplication.class, StartProcess.class})
    public static final class Start {
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops an application (in its stop sequence) or one process.",
            subcommands = {StopApplication.class, StopProcess.class})
    public static final class Stop {
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Stops then starts an application or one process.",
            subcommands = {RestartApplication.class, RestartProcess.class})
    public static final class Restart {
    }

    /** One command on one application or process, and how to wait for its end. */
    abstract static class Control extends ClientCommand {

        @Mixin
        WaitOptions waiting;

        abstract String action();

        /** The application and the process (null for the whole application) the command is about. */
        abstract ProcessName target();

        Map<String, String> query() {
            return Map.of();
        }

        @Override
        protected int execute() throws Exception {
            ProcessName target = target();
            Map<String, String> query = query();
            boolean restart = "restart".equals(action());
            Map<String, String> startsBefore = waiting.wait && restart
                    ? StateWait.startTimes(client(), target.application(), target.process()) : null;
            String path = (target.process() == null
                    ? "/api/v1/applications/" + ApiClient.segment(target.application())
                    : "/api/v1/processes/" + ApiClient.segment(target.application()) + "/"
                    + ApiClient.segment(target.process())) + "/" + action()
                    + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + ApiClient.segment(e.getValue())).collect(Collectors.joining("&")));
            JsonNode answer = client().send("POST", path, null, null);
            String kind = target.process() == null ? "application" : "process";
            String request = answer.path("intent").path("requestId").asText("");
            if (request.isEmpty() && target.process() != null) {
                request = answer.path("intent").path("processes").path(target.process()).path("requestId").asText("");
            }
            out().println(kind + "/" + target + " " + action() + " requested"
                    + (request.isEmpty() ? "" : " (request " + request + ")"));
            out().flush();
            if (waiting.wait) {
                new StateWait(client(), new Progress(out(), style().colours())).await(List.of(new Target(
                        target.application(), target.process(), !"stop".equals(action()), 0, startsBefore)),
                        waiting.timeout);
                out().println(kind + "/" + target + " is " + ("stop".equals(action()) ? "STOPPED" : "RUNNING"));
                out().flush();
            }
            return ExitCode.OK;
        }
    }

    abstract static class ApplicationControl extends Control {

        @Parameters(index = "0", paramLabel = "NAME", description = "The application.")
        String name;

        @Override
        ProcessName target() {
            Names.problem("application", name).ifPresent(p -> {
                throw new ClientException(ExitCode.USAGE, p);
            });
            return new ProcessName(name, null);
        }
    }

    abstract static class ProcessControl extends Control {

        @Parameters(index = "0", paramLabel = "APP:PROCESS", description = "The process, as Supvisors' namespec.")
        String namespec;

        @Override
        ProcessName target() {
            return ProcessName.parse(namespec, true);
        }
    }

    @Command(name = "application", aliases = "app", mixinStandardHelpOptions = true,
            description = "Starts an application: its start sequence, each process on a node its rules allow.")
    public static final class StartApplication extends ApplicationControl {
        @Mixin
        PlacementOptions placement;

        @Override
        String action() {
            return "start";
        }

        @Override
        Map<String, String> query() {
            return placement.query();
        }
    }

    @Command(name = "process", aliases = "proc", mixinStandardHelpOptions = true,
            description = "Starts one process of an application.")
    public static final class StartProcess extends ProcessControl {
        @Mixin
        PlacementOptions placement;

        @Override
        String action() {
            return "start";
        }

        @Override
        Map<String, String> query() {
            return placement.query();
        }
    }

    @Command(name = "application", aliases = "app", mixinStandardHelpOptions = true,
            description = "Stops an application in its stop sequence.")
    public static final class StopApplication extends ApplicationControl {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "process", aliases = "proc", mixinStandardHelpOptions = true,
            description = "Stops one process of an application.")
    public static final class StopProcess extends ProcessControl {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "application", aliases = "app", mixinStandardHelpOptions = true,
            description = "Stops then starts an application.")
    public static final class RestartApplication extends ApplicationControl {
        @Mixin
        PlacementOptions placement;

        @Override
        String action() {
            return "restart";
        }

        @Override
        Map<String, String> query() {
            return placement.query();
        }
    }

    @Command(name = "process", aliases = "proc", mixinStandardHelpOptions = true,
            description = "Stops then starts one process of an application.")
    public static final class RestartProcess extends ProcessControl {
        @Mixin
        PlacementOptions placement;

        @Override
        String action() {
            return "restart";
        }

        @Override
        Map<String, String> query() {
            return placement.query();
        }
    }
}
