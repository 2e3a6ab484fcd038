package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader.Flag;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.github.IssueAction;
import dev.agentloop.cli.github.IssueOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent issue OWNER/REPO#N}: a GitHub issue to a pull request. */
@Command(
        name = "issue",
        header = "Works on a GitHub issue and opens a pull request with the change.",
        mixinStandardHelpOptions = true,
        description = {
            "Reads the issue (title, description, labels, comments), runs the agent on the repository at its default"
                    + " branch with the issue as the task, pushes the branch agentloop/issue-N-<slug>, opens a pull"
                    + " request whose description reports the run (summary, plan, files, tests before and after,"
                    + " failures met, memory hits, tokens and cost, risk tier and the merge policy's reasons) and"
                    + " comments on the issue with the link.",
            "The merge mode decides what follows: manual (default) leaves the pull request to a person, supervised"
                    + " merges once a person approves, autonomous merges low-risk changes whose checks pass. Every"
                    + " action on GitHub is recorded: see 'agent audit'.",
            "The token comes only from GITHUB_TOKEN or AGENT_GITHUB_TOKEN. Config: github.api-url (GitHub"
                    + " Enterprise), github.allowed-repos, github.mode, github.daily-cost-cap, policy.opa-url, risk.*."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent issue octo/textkit#7",
            "  agent issue https://github.com/octo/textkit/issues/7 --merge-mode autonomous",
            "  agent issue octo/textkit#7 --merge-mode supervised --approve merge",
            "  agent issue octo/textkit#7 --queue     run by a worker of agent serve",
            "",
            CommandSupport.EXIT_CODES
        })
public final class IssueCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ISSUE", description = "OWNER/REPO#N or the issue's web address.")
    String issue;

    @Option(
            names = "--merge-mode",
            paramLabel = "MODE",
            description = "manual, supervised or autonomous (default: github.mode, manual).")
    String mergeMode;

    @Option(
            names = "--approve",
            paramLabel = "WHAT",
            split = ",",
            description =
                    "Approve ahead: merge (supervised mode), dependency (a changed dependency manifest), schema (a"
                            + " database migration).")
    List<String> approvals = new ArrayList<>();

    @Option(
            names = "--model-script",
            paramLabel = "FILE",
            description = "A scripted model's script instead of the configured endpoint (see docs/scripted-model.md).")
    Path modelScript;

    @Option(
            names = {"-l", "--language"},
            paramLabel = "LANG",
            description = "The project's language: python (default), javascript or java.")
    String language;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Hard limit on iterations (default 10).")
    Integer maxIterations;

    @Option(names = "--base-url", paramLabel = "URL", description = "An OpenAI-compatible endpoint.")
    String baseUrl;

    @Option(
            names = "--queue",
            description = "Submit the issue to the queue of agent serve (same database) instead of running it here;"
                    + " the branch, pull request and merge are still made here (github.runs: queue).")
    boolean queue;

    @Option(names = "--json", description = "The run's events as JSON Lines on stdout; the flow's lines on stderr.")
    boolean json;

    @Option(
            names = {"-y", "--yes"},
            description = "Answer yes where the run's approval mode would ask.")
    boolean yes;

    public IssueCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, Flag> flags = new LinkedHashMap<>();
        if (language != null) {
            flags.put(ConfigSchema.LANGUAGE, new Flag(language, "--language"));
        }
        if (maxIterations != null) {
            flags.put(ConfigSchema.MAX_ITERATIONS, new Flag(maxIterations.toString(), "--max-iterations"));
        }
        if (baseUrl != null) {
            flags.put(ConfigSchema.BASE_URL, new Flag(baseUrl, "--base-url"));
        }
        if (queue) {
            flags.put(ConfigSchema.GITHUB_RUNS, new Flag("queue", "--queue"));
        }
        CliConfig config = CommandSupport.loadConfig(context, flags);
        IssueOptions options = new IssueOptions(
                Optional.ofNullable(mergeMode),
                approvals,
                Optional.ofNullable(modelScript).map(p -> p.toAbsolutePath()),
                json,
                yes);
        return IssueAction.run(context, config, issue, options).code();
    }
}
