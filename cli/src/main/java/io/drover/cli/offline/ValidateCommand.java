package io.drover.cli.offline;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.input.LoadedInputs;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover validate}: checks files without a server; the exit code says whether they are valid. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks drover manifests, Supvisors rules files and Supervisor configurations, offline.",
                "Exit 0 when everything is valid; otherwise every problem is printed as file:line:column with how to"
                        + " fix it, and the exit code is 1."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        LoadedInputs inputs = input.load();
        PrintWriter err = spec.commandLine().getErr();
        for (Diagnostic warning : inputs.warnings()) {
            err.println(warning.format());
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("valid: %d application(s), %d application set(s), %d rule set(s) in %d file(s)%n",
                inputs.applications().size(), inputs.applicationSets().size(), inputs.ruleSets().size(),
                inputs.files().size());
        out.flush();
        return 0;
    }
}
