package dev.agentloop.git.github;

/** A GitHub operation failed or was refused; the message is one sentence for a person and never holds the token. */
public class GitHubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one sentence saying what failed and what to do */
    public GitHubException(String message) {
        super(message);
    }

    /** @param message one sentence saying what failed and what to do */
    public GitHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
