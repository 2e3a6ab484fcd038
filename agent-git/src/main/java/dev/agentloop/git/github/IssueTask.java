package dev.agentloop.git.github;

import java.util.Objects;
import java.util.Optional;

/**
 * One issue to work on.
 *
 * @param issue the issue as read (with its comments)
 * @param repository where its code is: the clone URL and the default branch to start from
 * @param costLimit the most the run may spend (what is left of the daily cost cap); empty for no limit
 */
public record IssueTask(GitHubIssue issue, GitHubRepository repository, Optional<Double> costLimit) {

    /**
     * Checks the components: none may be null.
     *
     * @param issue the issue as read (with its comments)
     * @param repository where its code is: the clone URL and the default branch to start from
     * @param costLimit the most the run may spend (what is left of the daily cost cap); empty for no limit
     */
    public IssueTask {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(costLimit, "costLimit");
    }

    /** {@return the run's task: the title, the description and the comments} */
    public String text() {
        return issue.taskText();
    }
}
