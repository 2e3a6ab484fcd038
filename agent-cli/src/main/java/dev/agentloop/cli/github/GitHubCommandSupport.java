package dev.agentloop.cli.github;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.env.OpenedApprovals;
import dev.agentloop.cli.env.OpenedQueue;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.SourceLimits;
import dev.agentloop.git.github.Approval;
import dev.agentloop.git.github.AskingMergeApprover;
import dev.agentloop.git.github.GitHubClient;
import dev.agentloop.git.github.GitHubException;
import dev.agentloop.git.github.GitHubToken;
import dev.agentloop.git.github.IssueFlow;
import dev.agentloop.git.github.IssueRunner;
import dev.agentloop.git.github.IssueSettings;
import dev.agentloop.git.github.MergeApprover;
import dev.agentloop.git.github.MergeMode;
import dev.agentloop.git.github.RepoName;
import dev.agentloop.git.github.RepositoryAllowList;
import dev.agentloop.server.QueuedIssueRunner;
import dev.agentloop.server.TaskMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code agent issue}, {@code agent run --issue} and {@code agent watch} share: the token (checked before any
 * work), the settings with the command line's overrides, the allow-list (checked before GitHub is asked anything),
 * the audit trail, the client and the flow.
 */
public final class GitHubCommandSupport implements AutoCloseable {

    private final CliContext context;
    private final CliConfig config;
    private final Consumer<String> say;
    private final GitHubToken token;
    private final GitHubSettings settings;
    private final List<AutoCloseable> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Checks the token and the settings.
     *
     * @param mergeMode {@code --merge-mode}, overriding {@code github.mode}
     * @param approvals {@code --approve}: what the person approves ahead
     * @param say where the flow's lines go
     * @throws CliException (exit 2) when no token is set, a setting is wrong or an approval is unknown
     */
    public GitHubCommandSupport(
            CliContext context,
            CliConfig config,
            Optional<String> mergeMode,
            List<String> approvals,
            Consumer<String> say) {
        this.context = context;
        this.config = config;
        this.say = say;
        try {
            this.token = GitHubToken.fromEnvironment(context.env());
            GitHubSettings read = GitHubSettings.from(config);
            IssueSettings issues = read.issues().withApprovals(approvals(approvals));
            if (mergeMode.isPresent()) {
                issues = issues.withMode(MergeMode.fromId(mergeMode.get()));
            }
            this.settings = read.withIssues(issues);
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
    }

    /** The token as the credentials an https clone of the repository is fetched with (a private repository). */
    public dev.agentloop.git.HttpCredentials fetchCredentials() {
        return token.fetchCredentials();
    }

    /** The checked settings. */
    public GitHubSettings settings() {
        return settings;
    }

    /**
     * Opens the audit trail (creating its table when missing) and refuses a repository outside the allow-list,
     * recording the refusal, before GitHub is asked anything.
     *
     * @throws CliException (exit 2) naming the repository and {@code github.allowed-repos}
     */
    public AuditTrail auditAllowing(RepoName repo, String target) {
        AuditTrail audit = context.backends().openAuditTrail(config, true);
        try {
            new RepositoryAllowList(settings.issues().allowedRepos()).require(repo, target, audit, context.clock(), "");
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
        return audit;
    }

    /** The client for {@code github.api-url}; rate-limit waits are reported as they happen. */
    public GitHubClient connect() {
        quietClientLibrary();
        try {
            return GitHubClient.connect(
                    settings.endpoint(), token, settings.retryWait(), settings.maxRetries(), line -> say.accept(line));
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
    }

    /** The flow over the client, the runner, the audit trail and, in supervised mode, who approves. */
    public IssueFlow flow(GitHubClient github, IssueRunner runner, AuditTrail audit, MergeApprover approver) {
        return IssueFlow.builder()
                .github(github)
                .runner(runner)
                .audit(audit)
                .settings(settings.issues())
                .token(token)
                .approver(approver)
                .externalPolicy(settings.externalPolicy())
                .checks(settings.checks())
                .clock(context.clock())
                .say(say)
                .build();
    }

    /**
     * Who approves a merge in supervised mode: with {@code github.approvals: server}, a person through {@code agent
     * serve}'s approvals API and dashboard (the same database; opened now, closed by {@link #close()}); else the
     * person at this terminal, or nobody when no one can answer (pipes, {@code --json}). Nobody outside supervised
     * mode, where no merge waits for an approval.
     *
     * @throws dev.agentloop.cli.EnvironmentNotReadyException when the server's approvals' database cannot be reached
     */
    public MergeApprover approver(boolean json) {
        if (settings.issues().mode() != MergeMode.SUPERVISED) {
            return MergeApprover.nobody();
        }
        if (settings.approvalChannel() == ApprovalChannel.SERVER) {
            OpenedApprovals approvals = context.backends().openServerApprovals(config, settings.approvalTimeout());
            opened.add(approvals);
            ApprovalHandler announced = request -> {
                say.accept("waiting for a person to approve the merge of " + request.subject()
                        + " through agent serve's approvals (GET /api/v1/approvals), at most "
                        + Durations.human(settings.approvalTimeout()));
                return approvals.handler().decide(request);
            };
            return new AskingMergeApprover(announced);
        }
        if (json || context.prompter().isEmpty()) {
            return MergeApprover.nobody();
        }
        String person = context.env().getOrDefault("USER", "the terminal's user");
        return new PromptMergeApprover(context.prompter().get(), person);
    }

    /**
     * Where the issues run ({@code github.runs}, or {@code --queue}).
     *
     * @return in this process, or on agent serve's queue
     */
    public IssueRuns runs() {
        return settings.runs();
    }

    /**
     * Opens the queue of {@code agent serve} in the memory's database for the issues' runs ({@code github.runs:
     * queue}): each issue becomes a repository task there, with this config's language, project type, approval mode
     * and iteration limit, and the token as the fetch credentials of the repository's clone here. Closed by {@link
     * #close()}.
     *
     * @param submitter the name the tasks are submitted under in the server's audit log, e.g. {@code agent-watch}
     * @throws dev.agentloop.cli.EnvironmentNotReadyException (exit 3) when the database cannot be reached: before
     *     anything is claimed
     */
    public QueuedIssueRunner queuedRunner(String submitter) {
        GitSources sources = GitSources.builder()
                .limits(SourceLimits.ofDefaults()
                        .withMaxFiles(config.integer(ConfigSchema.REPO_MAX_FILES))
                        .withMaxBytes(Durations.tryParseSize(config.get(ConfigSchema.REPO_MAX_SIZE))
                                .orElseThrow()))
                .fetchCredentials(token.fetchCredentials())
                .build();
        int iterations = config.integer(ConfigSchema.MAX_ITERATIONS);
        OpenedQueue queue = context.backends()
                .openIssueQueue(
                        config,
                        b -> b.gitSources(sources)
                                .language(Language.fromId(config.get(ConfigSchema.LANGUAGE)))
                                .projectType(ProjectType.fromId(config.get(ConfigSchema.PROJECT_TYPE)))
                                .mode(TaskMode.fromId(config.get(ConfigSchema.MODE)))
                                // above the submissions' limit, the server's own limit applies
                                .maxIterations(
                                        Optional.of(iterations).filter(n -> n <= QueuedIssueRunner.MAX_ITERATIONS))
                                .submitter(submitter)
                                .say(say));
        opened.add(queue);
        return queue.runner();
    }

    /** Closes what {@link #approver} and {@link #queuedRunner} opened (database pools). Idempotent. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable a : opened) {
            try {
                a.close();
            } catch (Exception e) {
                RuntimeException r =
                        e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                if (first == null) {
                    first = r;
                } else {
                    first.addSuppressed(r);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }

    private static Set<Approval> approvals(List<String> given) {
        Set<Approval> set = EnumSet.noneOf(Approval.class);
        for (String item : given) {
            for (String name : item.split(",")) {
                String n = name.trim().toUpperCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                try {
                    set.add(Approval.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw CliException.usage(
                            "--approve " + name.trim() + ": unknown approval; use merge, dependency or schema.");
                }
            }
        }
        return set;
    }

    // github-api reports its connection retries through java.util.logging, which would print on the terminal
    private static final java.util.logging.Logger CLIENT_LIBRARY_LOG =
            java.util.logging.Logger.getLogger("org.kohsuke.github");

    private static void quietClientLibrary() {
        CLIENT_LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
    }
}
