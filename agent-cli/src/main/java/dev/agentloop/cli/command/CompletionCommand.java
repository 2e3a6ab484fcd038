package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent completion}: the bash/zsh completion script, printed or installed. */
@Command(
        name = "completion",
        header = "Prints or installs the bash/zsh completion script.",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the bash/zsh completion script for agent, or installs it with --install into"
                    + " ~/.agentloop/agent-completion.bash.",
            "zsh: load it after 'autoload -U +X bashcompinit && bashcompinit'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(agent completion)",
            "  agent completion --install && echo 'source ~/.agentloop/agent-completion.bash' >> ~/.bashrc",
            "",
            CommandSupport.EXIT_CODES
        })
public final class CompletionCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--install", description = "Write the script to ~/.agentloop/agent-completion.bash.")
    boolean install;

    public CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("agent", spec.root().commandLine());
        if (!install) {
            context.out().print(script);
            context.out().flush();
            return 0;
        }
        Path target = context.userDir().resolve("agent-completion.bash");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(
                    dev.agentloop.cli.ExitCode.ENVIRONMENT,
                    "Cannot write " + target + " (" + e.getMessage() + "); check the folder's permissions.",
                    e);
        }
        context.out().println("Installed " + target + ". Add this line to ~/.bashrc or ~/.zshrc:");
        context.out().println("  source " + target);
        return 0;
    }
}
