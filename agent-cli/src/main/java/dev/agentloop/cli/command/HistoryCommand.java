package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.output.HistoryView;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent history}: past runs, newest first. */
@Command(
        name = "history",
        header = "Lists past runs, newest first.",
        mixinStandardHelpOptions = true,
        description = "Lists past runs, newest first: id, when, task, status and reason, iterations, tokens, cost,"
                + " duration and memory hits.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent history",
            "  agent history --limit 5 --status stopped",
            "  agent history --json | jq -r .id",
            "",
            CommandSupport.EXIT_CODES
        })
public final class HistoryCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "How many runs to list, 1..1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only runs with this status: ${COMPLETION-CANDIDATES}.")
    TaskStatus status;

    @Option(names = "--json", description = "One JSON object per run (JSON Lines) instead of a table.")
    boolean json;

    public HistoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) {
            throw dev.agentloop.cli.CliException.usage("--limit must be in 1..1000, was " + limit + ".");
        }
        CliConfig config = CommandSupport.loadConfig(context);
        List<TaskSummary> tasks;
        try (MemoryReader memory = context.backends().openReader(config)) {
            tasks = memory.history(new HistoryQuery(limit, 0, Optional.ofNullable(status)));
        }
        if (json) {
            tasks.forEach(t -> context.out().println(HistoryView.json(t)));
        } else if (tasks.isEmpty()) {
            context.out().println("No runs yet. Start one with: agent run --demo");
        } else {
            HistoryView.table(tasks, context.terminal().width(), ZoneId.systemDefault())
                    .forEach(context.out()::println);
        }
        return 0;
    }
}
