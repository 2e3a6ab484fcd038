package dev.agentloop.git.github;

/** What the merge policy decided. */
public enum MergeVerdict {
    /** Merge now. */
    MERGE,
    /** Leave the pull request open for a person. */
    LEAVE_OPEN
}
