package io.drover.cli.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover completion bash|zsh}: the shell completion script of every verb and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the completion script of drover for bash or zsh.",
                "bash: source <(drover completion bash)   (or save it in /etc/bash_completion.d/drover)",
                "zsh:  source <(drover completion zsh)    (uses zsh's bashcompinit)"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells it writes for. */
    enum Shell { BASH, ZSH }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash(root.getCommandName(), root);
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.ZSH) {
            // zsh runs bash completion scripts through bashcompinit
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return ExitCode.OK;
    }
}
