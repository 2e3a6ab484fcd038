package dev.agentloop.git.github;

/** Why a GitHub operation failed, for the exit code and for whether waiting could help. */
public enum GitHubFailure {
    /** Bad input: not an issue reference, not a repository name, an unknown merge mode. */
    INVALID,
    /** Neither token variable is set. */
    NO_TOKEN,
    /** The repository is outside {@code github.allowed-repos}. */
    NOT_ALLOWED,
    /** No such repository or issue, or the token may not see it (HTTP 404). */
    NOT_FOUND,
    /** The token is not valid (HTTP 401). */
    UNAUTHORIZED,
    /** GitHub kept refusing for its rate limit. */
    RATE_LIMITED,
    /** The API endpoint or the git remote cannot be reached. */
    UNREACHABLE,
    /** GitHub or git answered with another refusal (a push of an existing branch, a merge conflict, a 422). */
    REFUSED
}
