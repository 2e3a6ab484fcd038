package dev.agentloop.cli.github;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.command.RepositoryOptions;
import dev.agentloop.cli.command.RepositorySource;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.progress.Cancellation;
import dev.agentloop.cli.progress.RunExecutor;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Task;
import dev.agentloop.core.TestTargets;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.HttpCredentials;
import dev.agentloop.git.github.IssueRunResult;
import dev.agentloop.git.github.IssueRunner;
import dev.agentloop.git.github.IssueTask;
import dev.agentloop.git.github.RunFactsRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an issue's task the way {@code agent run --repo URL} does: the repository's clone URL at its default branch,
 * cloned into {@code ~/.agentloop/repos} (with the GitHub token as the fetch's credentials, for a private repository), the issue's text as the task, the configured (or scripted) model, the
 * progress on the terminal. When a daily cost cap is set, the run's cost budget is at most what is left of it. The
 * runs under way can all be cancelled at once (Ctrl-C on {@code agent watch}).
 */
public final class CliIssueRunner implements IssueRunner {

    private final CliContext context;
    private final CliConfig config;
    private final RunExecutor executor;
    private final Optional<Path> modelScript;
    private final Cancellation cancellation;
    private final HttpCredentials credentials;
    private final Set<RunHandle> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /**
     * @param executor runs a task with the CLI's progress output and approval handlers
     * @param modelScript a scripted model's script instead of the configured endpoint
     * @param cancellation how Ctrl-C reaches a single run ({@link Cancellation#none()} when the caller cancels
     *     them all with {@link #cancelAll()})
     * @param credentials the GitHub token as fetch credentials: a private repository's https clone
     */
    public CliIssueRunner(
            CliContext context,
            CliConfig config,
            RunExecutor executor,
            Optional<Path> modelScript,
            Cancellation cancellation,
            HttpCredentials credentials) {
        this.context = context;
        this.config = config;
        this.executor = executor;
        this.modelScript = modelScript;
        this.cancellation = cancellation;
        this.credentials = java.util.Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public IssueRunResult run(IssueTask task) {
        if (cancelled) {
            throw new IllegalStateException("Not run: the watch was stopped before this issue's run started.");
        }
        RepositoryOptions options = new RepositoryOptions(
                task.repository().cloneUrl(),
                Optional.of(task.repository().defaultBranch()),
                config.find(ConfigSchema.REPO_TEST_COMMAND),
                Optional.empty(),
                false,
                false);
        RepositorySource made = RepositorySource.of(
                config, options, Path.of("").toAbsolutePath(), context.userDir(), Optional.of(credentials));
        Task agentTask = new Task(
                        UUID.randomUUID(),
                        task.text(),
                        Language.fromId(config.get(ConfigSchema.LANGUAGE)),
                        ProjectType.fromId(config.get(ConfigSchema.PROJECT_TYPE)),
                        task.repository().name().name())
                .withSource(made.source())
                .withTests(TestTargets.DEFAULT.withCommand(options.testCommand().orElse("")));
        RunFactsRecorder facts = new RunFactsRecorder();
        RunHandle[] started = new RunHandle[1];
        try {
            RunExecutor.Outcome outcome = executor.run(
                    agentTask,
                    budgeted(task.costLimit()),
                    modelScript,
                    handle -> {
                        started[0] = handle;
                        running.add(handle);
                        if (cancelled) {
                            handle.cancel(); // stopped while this run was starting
                        }
                        cancellation.register(handle);
                    },
                    List.of(facts));
            Optional<Path> clone = made.source() instanceof GitSource git ? git.branchRepository() : Optional.empty();
            return new IssueRunResult(outcome.result().orElseThrow(), clone, facts.facts());
        } finally {
            if (started[0] != null) {
                running.remove(started[0]);
                cancellation.unregister(started[0]);
            }
        }
    }

    /**
     * Cancels every run under way (each removes its sandbox and ends as cancelled) and refuses the runs asked for from
     * now on: Ctrl-C on {@code agent watch}.
     */
    public void cancelAll() {
        cancelled = true;
        running.forEach(RunHandle::cancel);
    }

    /** Runs under way. */
    public int running() {
        return running.size();
    }

    /** The config with a cost budget no larger than what is left of the daily cap. */
    private CliConfig budgeted(Optional<Double> left) {
        if (left.isEmpty()) {
            return config;
        }
        double budget = Double.parseDouble(config.get(ConfigSchema.COST_BUDGET));
        double limit = budget > 0 ? Math.min(budget, left.get()) : left.get();
        // a budget of 0 means none: what is left of a cap is at least a little more than nothing
        return config.withFlag(
                ConfigSchema.COST_BUDGET,
                String.format(Locale.ROOT, "%.6f", Math.max(limit, 0.000001)),
                "github.daily-cost-cap");
    }
}
