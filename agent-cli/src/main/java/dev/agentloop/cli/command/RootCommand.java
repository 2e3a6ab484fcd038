package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.VersionProvider;
import dev.agentloop.cli.repl.Repl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent}: without a subcommand it starts the REPL. Its subcommands are added by {@code AgentCli}, which adds
 * only the one a command line names (start-up time).
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Loops plan, code, review, audit, test and reflect until generated code passes its tests.",
        synopsisSubcommandLabel = "[COMMAND]",
        description = {
            "Without a command, starts the interactive prompt (REPL): type a task, or :help.",
            "Configuration: config/agent.yaml, then ~/.agentloop/agent.yaml, then AGENT_* environment variables,"
                    + " then flags (highest wins); see 'agent config show'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent run --demo                       the offline demo (scripted model, real Docker and pgvector)",
            "  agent run --task \"Write slugify(text) with tests\" --enable-review",
            "  agent batch benchmarks/humaneval/tasks.jsonl --out out/he --gold   a benchmark, gold patches",
            "  agent                                  the REPL",
            "  agent history --limit 5",
            "  agent doctor",
            "",
            CommandSupport.EXIT_CODES
        })
public final class RootCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new Repl(context, spec.commandLine()).run();
    }
}
