package io.drover.cli.client.resource;

import io.drover.api.model.Names;
import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;

/** {@code APP:PROCESS}, Supvisors' namespec, as the process verbs take it; the process part may be absent. */
public record ProcessName(String application, String process) {

    public static ProcessName parse(String text, boolean processRequired) {
        int colon = text.indexOf(':');
        String application = colon < 0 ? text : text.substring(0, colon);
        String process = colon < 0 ? null : text.substring(colon + 1);
        if (process != null && process.isEmpty()) {
            process = null;
        }
        if (processRequired && process == null) {
            throw new ClientException(ExitCode.USAGE, "'" + text + "' names no process; write APPLICATION:PROCESS,"
                    + " e.g. web:api_00");
        }
        Names.problem("application", application).ifPresent(problem -> {
            throw new ClientException(ExitCode.USAGE, problem);
        });
        if (process != null) {
            Names.problem("process", process).ifPresent(problem -> {
                throw new ClientException(ExitCode.USAGE, problem);
            });
        }
        return new ProcessName(application, process);
    }

    @Override
    public String toString() {
        return process == null ? application : application + ":" + process;
    }
}
