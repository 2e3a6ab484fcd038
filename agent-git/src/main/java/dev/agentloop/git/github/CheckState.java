package dev.agentloop.git.github;

/** Where GitHub's checks of a commit stand (its commit statuses and check runs together). */
public enum CheckState {
    /** Every check reported and none failed. */
    PASSED,
    /** A check has not finished (or has not reported yet). */
    PENDING,
    /** A check failed, errored, timed out or was cancelled. */
    FAILED,
    /** No check reported on the commit at all. */
    NONE
}
