package dev.agentloop.git.github;

/** Where an issue's handling ended. */
public enum IssueStatus {
    /** The pull request was opened and merged. */
    MERGED,
    /** The pull request was opened and left for a person (the mode, the risk, the policy or a missing approval). */
    LEFT_OPEN,
    /** The run did not solve it: no pull request. */
    NOT_SOLVED,
    /** The tests passed without a change: no pull request. */
    NO_CHANGE,
    /** The daily cost cap was reached before the run: nothing was done. */
    CAPPED
}
