package dev.agentloop.core.spi;

/** What an approval is asked for. */
public enum ApprovalKind {
    /** Use a dependency that is not on the allow-list. */
    DEPENDENCY,
    /** Run a command the hooks flag as risky (but do not block outright). */
    RISKY_COMMAND,
    /** Enter a phase (manual mode asks before every phase). */
    PHASE,
    /** Merge a pull request the agent opened (supervised mode asks before every merge). */
    MERGE
}
