package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.batch.BatchFile;
import dev.agentloop.cli.batch.BatchRunner;
import dev.agentloop.cli.batch.GreenfieldInstances;
import dev.agentloop.cli.batch.InstanceHandlers;
import dev.agentloop.cli.batch.OutputFolder;
import dev.agentloop.cli.batch.RepositoryInstances;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.git.SourceLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent batch}: runs a JSON Lines file of tasks and says how many were solved, at what cost. */
@Command(
        name = "batch",
        header = "Runs a file of tasks (JSON Lines) with N workers and reports pass@1, iterations, tokens and cost.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs every task of FILE (one JSON object per line: docs/benchmarks.md, section \"batch\") through the"
                    + " loop, WORKERS at a time, with one agent for all of them. Each run is judged after it has ended"
                    + " by the task's hidden tests, which no prompt and no workspace sees during the run.",
            "DIR gets results.jsonl (one line per finished task), summary.json, report.html (charts, no network)"
                    + " and the runs' workspaces. A malformed or invalid line is reported with its line number; the"
                    + " others still run.",
            "The caps are global and hold: no task starts unless what is left covers its worst-case first call,"
                    + " and every model call reserves its worst case first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent batch benchmarks/humaneval/tasks.jsonl --out out/he-gold --gold --workers 2",
            "  agent batch tasks.jsonl --out out/run1 --workers 4 --cost-cap 5 --memory fresh",
            "  agent batch tasks.jsonl --out out/run1 --resume          (after a kill: finished tasks are kept)",
            "  agent batch tasks.jsonl --out out/run1 --resume --memory off   (the same tasks without memory)",
            "  agent batch tasks.jsonl --out out/try --filter '^HumanEval/1[0-9]$' --limit 5",
            "",
            "Exit codes: 0 every selected task ran (solved or not), 1 a cap left tasks not run, 2 usage error or"
                    + "%n  invalid tasks (the others ran), 3 environment not ready, 4 internal error, 130 cancelled"
                    + " (finished%n  results are kept: --resume goes on)."
        })
public final class BatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The tasks, one JSON object per line.")
    Path file;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where results.jsonl, summary.json, report.html and the workspaces go.")
    Path out;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Tasks run at the same time, each in its own sandbox (default 1).")
    int workers = 1;

    @Option(
            names = "--resume",
            description = "Go on in DIR: tasks already finished there (with the same --memory) are not run again.")
    boolean resume;

    @Option(
            names = "--cost-cap",
            paramLabel = "USD",
            description = "Most all runs in DIR may spend together, priced with models.prices.")
    Double costCap;

    @Option(names = "--token-cap", paramLabel = "N", description = "Most tokens all runs in DIR may use together.")
    Long tokenCap;

    @Option(
            names = "--memory",
            paramLabel = "MODE",
            description = "on (the pgvector memory, default), off (none) or fresh (an empty memory for this batch).")
    String memory = "on";

    @Option(names = "--limit", paramLabel = "K", description = "Run only the first K tasks selected.")
    Integer limit;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Run only the tasks whose id this finds.")
    String filter;

    @Option(
            names = "--gold",
            description = "Run each task's gold_patch through the whole loop instead of a model (proves the tasks and"
                    + " the plumbing).")
    boolean gold;

    public BatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        BatchRunner.Settings settings = settings();
        CliConfig config = CommandSupport.loadConfig(context);
        BatchFile batch = BatchFile.read(resolve(file));
        try (OutputFolder folder = OutputFolder.open(
                out.toAbsolutePath(), batch, resume, context.clock().instant())) {
            InstanceHandlers handlers = new InstanceHandlers(
                    new GreenfieldInstances(config.duration(ConfigSchema.TEST_TIMEOUT)),
                    new RepositoryInstances(
                            batch.path().getParent(),
                            folder.dir().resolve("repos"),
                            config.duration(ConfigSchema.TEST_TIMEOUT),
                            SourceLimits.ofDefaults()
                                    .withMaxFiles(config.integer(ConfigSchema.REPO_MAX_FILES))
                                    .withMaxBytes(Durations.tryParseSize(config.get(ConfigSchema.REPO_MAX_SIZE))
                                            .orElseThrow())));
            BatchRunner.Outcome outcome = new BatchRunner(
                            context.clock(),
                            context.backends(),
                            config,
                            batch,
                            folder,
                            settings,
                            handlers,
                            context.out(),
                            context.terminal(),
                            context.cancellation())
                    .run();
            outcome.summary().lines(folder.dir()).forEach(context.out()::println);
            context.out().flush();
            return outcome.exitCode().code();
        }
    }

    private BatchRunner.Settings settings() {
        if (workers < 1 || workers > 64) {
            throw CliException.usage("--workers is " + workers + ", but it must be 1 to 64.");
        }
        if (costCap != null && !(costCap > 0)) {
            throw CliException.usage("--cost-cap is " + costCap + ", but it must be more than 0 (in the currency of"
                    + " models.prices).");
        }
        if (tokenCap != null && tokenCap <= 0) {
            throw CliException.usage("--token-cap is " + tokenCap + ", but it must be more than 0.");
        }
        if (limit != null && limit < 1) {
            throw CliException.usage("--limit is " + limit + ", but it must be 1 or more.");
        }
        MemoryMode mode;
        try {
            mode = MemoryMode.fromId(memory);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + ".");
        }
        Optional<Pattern> pattern = Optional.empty();
        if (filter != null) {
            try {
                pattern = Optional.of(Pattern.compile(filter));
            } catch (PatternSyntaxException e) {
                throw CliException.usage(
                        "--filter '" + filter + "' is not a regular expression (" + e.getDescription() + ").");
            }
        }
        return new BatchRunner.Settings(
                workers,
                Optional.ofNullable(costCap),
                Optional.ofNullable(tokenCap),
                mode,
                gold,
                pattern,
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }

    private Path resolve(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path.toAbsolutePath();
        }
        return context.projectDir().resolve(path);
    }
}
