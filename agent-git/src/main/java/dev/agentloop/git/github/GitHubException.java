package dev.agentloop.git.github;

import java.util.Objects;

/** A GitHub operation failed or was refused; the message is one sentence for a person and never holds the token. */
public class GitHubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    private final GitHubFailure failure;

    /**
     * @param failure why
     * @param message one sentence saying what failed and what to do
     */
    public GitHubException(GitHubFailure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * @param failure why
     * @param message one sentence saying what failed and what to do
     * @param cause the underlying exception
     */
    public GitHubException(GitHubFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * Why it failed.
     *
     * @return the kind of failure
     */
    public GitHubFailure failure() {
        return failure;
    }
}
