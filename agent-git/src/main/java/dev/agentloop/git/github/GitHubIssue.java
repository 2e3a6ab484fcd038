package dev.agentloop.git.github;

import java.util.List;

/**
 * An issue as read from GitHub.
 *
 * @param ref its repository and number
 * @param title the title
 * @param body the description (empty when none)
 * @param labels label names
 * @param assignees logins of the people assigned
 * @param comments the comments, oldest first, each as {@code login: text}
 * @param url the issue's web address
 */
public record GitHubIssue(
        IssueRef ref,
        String title,
        String body,
        List<String> labels,
        List<String> assignees,
        List<String> comments,
        String url) {

    /**
     * Copies the lists; a null body becomes empty.
     *
     * @param ref its repository and number
     * @param title the title
     * @param body the description (empty when none)
     * @param labels label names
     * @param assignees logins of the people assigned
     * @param comments the comments, oldest first, each as {@code login: text}
     * @param url the issue's web address
     */
    public GitHubIssue {
        labels = List.copyOf(labels);
        assignees = List.copyOf(assignees);
        comments = List.copyOf(comments);
        body = body == null ? "" : body;
    }

    /** {@return the task text for a run: the title, the description and the discussion} */
    public String taskText() {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        if (!body.isBlank()) {
            text.append(body.strip()).append("\n\n");
        }
        if (!comments.isEmpty()) {
            text.append("Comments on the issue:\n");
            comments.forEach(c ->
                    text.append("- ").append(c.strip().replace("\n", "\n  ")).append('\n'));
        }
        return text.toString().strip();
    }
}
