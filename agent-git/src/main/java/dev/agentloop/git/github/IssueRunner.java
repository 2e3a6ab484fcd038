package dev.agentloop.git.github;

/**
 * Runs the agent on an issue's task in repository mode: a private copy of the repository at its default branch, the
 * issue's text as the task, and — when solved — a branch with one commit in a local repository the flow pushes from.
 * The CLI implements it over its run machinery; tests with a fake.
 */
public interface IssueRunner {

    /**
     * Runs and waits for the end.
     *
     * @param task the issue, its repository and the cost the run may spend
     * @return the run's result, its branch repository and what its events said
     * @throws RuntimeException when the run cannot start (no database, no Docker, a bad model script): the flow
     *     audits it and passes it on
     */
    IssueRunResult run(IssueTask task);
}
