package dev.agentloop.cli.github;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.progress.RunExecutor;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.git.github.GitHubClient;
import dev.agentloop.git.github.GitHubException;
import dev.agentloop.git.github.IssueOutcome;
import dev.agentloop.git.github.IssueRef;
import dev.agentloop.server.QueuedIssueRunner;
import java.io.PrintWriter;

/**
 * {@code agent issue OWNER/REPO#N} and {@code agent run --issue URL}: one issue from reading to a pull request (and a
 * merge when the mode and the policy allow it). Exit 0 when a pull request was opened (or nothing needed changing),
 * 1 when the run did not solve it or the daily cost cap stopped it, 2 for bad input, 3 when GitHub, the database or
 * Docker cannot be reached.
 */
public final class IssueAction {

    private IssueAction() {}

    /**
     * The issue as a task of agent serve's queue; Ctrl-C cancels the task through the server before this process
     * ends.
     */
    private static IssueOutcome throughTheQueue(
            GitHubCommandSupport support, IssueOptions options, GitHubClient github, AuditTrail audit, IssueRef ref) {
        QueuedIssueRunner runner = support.queuedRunner("agent-issue");
        Thread onCtrlC = new Thread(runner::cancelAll, "agent-issue-cancel");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return support.flow(github, runner, audit, support.approver(options.json()))
                    .handle(ref);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
    }

    /** Runs one issue. */
    public static ExitCode run(CliContext context, CliConfig config, String issue, IssueOptions options) {
        PrintWriter narration = options.json() ? context.err() : context.out();
        IssueRef ref;
        try {
            ref = IssueRef.parse(issue);
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
        IssueOutcome outcome;
        try (GitHubCommandSupport support = new GitHubCommandSupport(
                context, config, options.mergeMode(), options.approvals(), narration::println)) {
            if (support.runs() == IssueRuns.QUEUE && options.modelScript().isPresent()) {
                throw dev.agentloop.cli.CliException.usage("--model-script is for a run in this process; with"
                        + " github.runs: queue (--queue) a worker of agent serve runs the issue with its model (start"
                        + " agent serve with --model-script instead).");
            }
            AuditTrail audit = support.auditAllowing(ref.repo(), "issue " + ref.number());
            GitHubClient github = support.connect();
            if (support.runs() == IssueRuns.QUEUE) {
                outcome = throughTheQueue(support, options, github, audit, ref);
            } else {
                RunExecutor executor = new RunExecutor(
                        context,
                        options.json(),
                        options.yes(),
                        options.json() ? java.util.Optional.empty() : context.prompter());
                CliIssueRunner runner = new CliIssueRunner(
                        context,
                        config,
                        executor,
                        options.modelScript(),
                        context.cancellation(),
                        support.fetchCredentials());
                outcome = support.flow(github, runner, audit, support.approver(options.json()))
                        .handle(ref);
            }
        } catch (GitHubException e) {
            throw GitHubErrors.toCli(e);
        }
        narration.flush();
        return switch (outcome.status()) {
            case MERGED, LEFT_OPEN, NO_CHANGE -> ExitCode.SOLVED;
            case CAPPED -> ExitCode.STOPPED;
            case NOT_SOLVED -> outcome.result().map(RunExecutor::exitCode).orElse(ExitCode.STOPPED);
        };
    }
}
