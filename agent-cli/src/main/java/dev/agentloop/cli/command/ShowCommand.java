package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.output.JsonWriter;
import dev.agentloop.cli.output.TaskDetailView;
import dev.agentloop.core.spi.HandoffRecord;
import dev.agentloop.core.spi.TaskDetail;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent show ID}: one run in detail. */
@Command(
        name = "show",
        header = "Shows one run: iterations, tests, failures, retrieved fixes, diffs.",
        mixinStandardHelpOptions = true,
        description = "Shows one run: its iterations with phases and test results, the failures stored, the past"
                + " fixes retrieved (with similarity), the approvals and the diffs applied.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent show 3f2a9c1e          (an id or a unique prefix of at least 4 characters, from agent history)",
            "  agent show 3f2a --no-diffs",
            "  agent show 3f2a --json",
            "  agent show 3f2a --patch | git apply   (the patch a run on an existing project handed back)",
            "",
            CommandSupport.EXIT_CODES
        })
public final class ShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The run's id or a unique prefix (4+ characters).")
    String id;

    @Option(names = "--no-diffs", description = "Leave out the diffs.")
    boolean noDiffs;

    @Option(names = "--json", description = "The whole record as one JSON object.")
    boolean json;

    @Option(
            names = "--patch",
            description = "Only the patch the run handed back (a run on an existing project), as it was stored.")
    boolean patch;

    public ShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (id.length() < 4) {
            throw CliException.usage("The id '" + id + "' is too short: give at least 4 characters of it.");
        }
        CliConfig config = CommandSupport.loadConfig(context);
        Optional<TaskDetail> detail;
        try (MemoryReader memory = context.backends().openReader(config)) {
            detail = memory.task(id);
        } catch (IllegalArgumentException ambiguous) {
            throw CliException.usage(ambiguous.getMessage());
        }
        if (detail.isEmpty()) {
            throw CliException.usage("No run has the id '" + id + "'; 'agent history' lists them.");
        }
        if (patch) {
            return printPatch(detail.get());
        }
        if (json) {
            context.out().println(JsonWriter.write(detail.get()));
        } else {
            TaskDetailView.render(detail.get(), !noDiffs, context.terminal().width(), ZoneId.systemDefault())
                    .forEach(context.out()::println);
        }
        return 0;
    }

    private int printPatch(TaskDetail d) {
        HandoffRecord h = d.handoff()
                .filter(x -> !x.patch().isEmpty())
                .orElseThrow(() -> CliException.usage("Run " + id + " handed back no patch: only a solved run on an"
                        + " existing project (agent run --repo) does."));
        context.out().print(h.patch());
        context.out().flush();
        if (h.patchTruncated()) {
            context.err()
                    .println("agent: the memory keeps the first " + HandoffRecord.MAX_PATCH_CHARS / 1024
                            + " KiB of this patch; the whole one is "
                            + (h.hasBranch() ? "on branch " + h.branch() + " and " : "") + "in " + h.patchFile());
        }
        return 0;
    }
}
