package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader.Flag;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.github.CliIssueRunner;
import dev.agentloop.cli.github.GitHubCommandSupport;
import dev.agentloop.cli.github.GitHubErrors;
import dev.agentloop.cli.github.IssueRuns;
import dev.agentloop.cli.progress.Cancellation;
import dev.agentloop.cli.progress.RunExecutor;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.git.github.GitHubClient;
import dev.agentloop.git.github.GitHubException;
import dev.agentloop.git.github.IssueFlow;
import dev.agentloop.git.github.IssueRunner;
import dev.agentloop.git.github.IssueWatcher;
import dev.agentloop.git.github.RepoName;
import dev.agentloop.git.github.WatchSettings;
import dev.agentloop.server.QueuedIssueRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agent watch OWNER/REPO}: claims labelled issues and takes each to a pull request. */
@Command(
        name = "watch",
        header = "Watches a repository's issues, claims labelled ones and opens a pull request for each.",
        mixinStandardHelpOptions = true,
        description = {
            "Every interval, lists the open issues carrying every --labels label and none of the --ignore-labels,"
                    + " not assigned to someone else, and claims as many as there are free run slots: assigns each to"
                    + " the token's user and comments. A claim is recorded in the audit trail first, so an issue is"
                    + " never claimed twice, also after a restart. Each claimed issue then goes through what 'agent"
                    + " issue' does.",
            "Nothing new is claimed once the runs' spend today (UTC) reaches github.daily-cost-cap. Only repositories"
                    + " in github.allowed-repos are watched. Ctrl-C stops claiming, cancels the runs under way (each"
                    + " removes its sandbox) and exits.",
            "With --queue (github.runs: queue) each claimed issue is submitted as a task to the queue of agent serve"
                    + " in the same database and run by one of its workers; Ctrl-C then cancels those tasks."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent watch octo/textkit",
            "  agent watch octo/textkit --labels bot-approved,good-first-issue --ignore-labels wontfix --max-concurrent 2",
            "  agent watch octo/textkit --once        one look, wait for its runs, exit",
            "  agent watch octo/textkit --queue       the runs go to agent serve's workers",
            "",
            CommandSupport.EXIT_CODES
        })
public final class WatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "OWNER/REPO", description = "The repository to watch.")
    String repository;

    @Option(
            names = "--labels",
            paramLabel = "LABEL",
            split = ",",
            description = "An issue must carry every one of these (default: bot-approved).")
    List<String> labels = new ArrayList<>(List.of("bot-approved"));

    @Option(
            names = "--ignore-labels",
            paramLabel = "LABEL",
            split = ",",
            description = "An issue carrying any of these is left alone (default: wontfix).")
    List<String> ignoreLabels = new ArrayList<>(List.of("wontfix"));

    @Option(
            names = "--max-concurrent",
            paramLabel = "N",
            defaultValue = "2",
            description = "Issues worked on at once, 1..16 (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Time between two looks at the issues, e.g. 30s or 5m (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--once", description = "Look once, wait for the runs it started, and exit.")
    boolean once;

    @Option(
            names = "--queue",
            description = "Submit each claimed issue to the queue of agent serve (same database) instead of running it"
                    + " here; the branch, pull request and merge are still made here (github.runs: queue).")
    boolean queue;

    @Option(
            names = "--merge-mode",
            paramLabel = "MODE",
            description = "manual, supervised or autonomous (default: github.mode, manual).")
    String mergeMode;

    @Option(
            names = "--approve",
            paramLabel = "WHAT",
            split = ",",
            description = "Approve ahead for every pull request: merge, dependency, schema.")
    List<String> approvals = new ArrayList<>();

    @Option(
            names = "--model-script",
            paramLabel = "FILE",
            description = "A scripted model's script for every run instead of the configured endpoint.")
    Path modelScript;

    @Option(
            names = {"-l", "--language"},
            paramLabel = "LANG",
            description = "The project's language: python (default), javascript or java.")
    String language;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Hard limit on iterations (default 10).")
    Integer maxIterations;

    public WatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RepoName repo;
        try {
            repo = RepoName.parse(repository);
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
        Duration every = Durations.tryParse(interval)
                .filter(d -> d.compareTo(Duration.ofSeconds(1)) >= 0)
                .orElseThrow(() -> CliException.usage(
                        "--interval " + interval + ": give a duration of at least 1s, e.g. 30s, 5m or 1h."));
        if (maxConcurrent < 1 || maxConcurrent > WatchSettings.MAX_CONCURRENT) {
            throw CliException.usage(
                    "--max-concurrent must be in 1.." + WatchSettings.MAX_CONCURRENT + ", was " + maxConcurrent + ".");
        }
        if (labels.stream().allMatch(String::isBlank)) {
            throw CliException.usage("--labels is empty: give the label an issue needs to be taken, e.g."
                    + " bot-approved (watching every open issue is not offered).");
        }
        Map<String, Flag> flags = new LinkedHashMap<>();
        if (language != null) {
            flags.put(ConfigSchema.LANGUAGE, new Flag(language, "--language"));
        }
        if (maxIterations != null) {
            flags.put(ConfigSchema.MAX_ITERATIONS, new Flag(maxIterations.toString(), "--max-iterations"));
        }
        if (queue) {
            flags.put(ConfigSchema.GITHUB_RUNS, new Flag("queue", "--queue"));
        }
        CliConfig config = CommandSupport.loadConfig(context, flags);
        try (GitHubCommandSupport support =
                new GitHubCommandSupport(context, config, Optional.ofNullable(mergeMode), approvals, this::say)) {
            IssueRunner runner;
            Runnable cancelRuns;
            if (support.runs() == IssueRuns.QUEUE) {
                if (modelScript != null) {
                    throw CliException.usage("--model-script is for runs in this process; with github.runs: queue"
                            + " (--queue) the workers of agent serve run the issues with their model (start agent"
                            + " serve with --model-script instead).");
                }
                // opened first: without the queue's database nothing is claimed
                QueuedIssueRunner queued = support.queuedRunner("agent-watch");
                runner = queued;
                cancelRuns = queued::cancelAll;
            } else {
                // runs share the terminal: nobody is asked inside a run, and approvals of merges are asked one at a
                // time
                RunExecutor executor = new RunExecutor(context, false, false, Optional.empty());
                CliIssueRunner local = new CliIssueRunner(
                        context,
                        config,
                        executor,
                        Optional.ofNullable(modelScript).map(Path::toAbsolutePath),
                        Cancellation.none(),
                        support.fetchCredentials());
                runner = local;
                cancelRuns = local::cancelAll;
            }
            AuditTrail audit = support.auditAllowing(repo, "watch");
            GitHubClient github = support.connect();
            IssueFlow flow = support.flow(github, runner, audit, support.approver(false));
            WatchSettings settings =
                    new WatchSettings(repo, trimmed(labels), trimmed(ignoreLabels), maxConcurrent, every);
            try (IssueWatcher watcher = new IssueWatcher(github, flow, settings, this::say)) {
                Thread onCtrlC =
                        new Thread(() -> watcher.shutdown(cancelRuns, CliContext.CANCEL_GRACE), "agent-watch-stop");
                Runtime.getRuntime().addShutdownHook(onCtrlC);
                try {
                    if (once) {
                        List<?> claimed = watcher.runOnce();
                        say("claimed " + claimed.size() + " issue(s)");
                    } else {
                        watcher.run();
                    }
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(onCtrlC);
                    } catch (IllegalStateException shuttingDown) {
                        // Ctrl-C: the hook is running
                    }
                }
            } catch (GitHubException e) {
                throw GitHubErrors.toCli(e);
            }
        }
        return 0;
    }

    private static List<String> trimmed(List<String> list) {
        return list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private synchronized void say(String line) {
        context.out().println(line);
        context.out().flush();
    }
}
