package dev.agentloop.git.github;

/** What a person approved ahead of a merge. */
public enum Approval {
    /** The merge itself (supervised mode). */
    MERGE,
    /** A new or changed dependency. */
    DEPENDENCY,
    /** A database migration or schema change. */
    SCHEMA
}
